import { tenantKey } from '../actor-key.ts';
import type { CoachContext } from '../coach-context.ts';
import {
  agreedRequest,
  type CandidateFacts,
  decodeEntry,
  encodeEntry,
  type PairRequest,
  type QueueEntry,
  rankCandidates,
} from './pair-request.ts';
import { pauseBriefly } from './pause.ts';

/** Where members wait: a workspace or server, or one cohort (its channel) in it. */
export interface QueuePlace {
  platform: string;
  tenant: string;
  /** The cohort's channel, or null for the workspace's own queue. */
  cohort: string | null;
}

export interface PairMatch extends QueuePlace {
  /** The one who was waiting (interviews first) and the one who joined. */
  first: QueueEntry;
  second: QueueEntry;
  request: PairRequest;
  /** Where to open the pair's private space: the channel the later join came from, else the earlier. */
  channel: string | null;
}

export type JoinResult =
  | { status: 'matched'; match: PairMatch }
  | { status: 'waiting'; entry: QueueEntry }
  /** Already in this queue: the earlier entry stands. */
  | { status: 'already-waiting'; entry: QueueEntry };

export interface SweepResult {
  matches: PairMatch[];
  /** Entries that waited longer than the wait allowed, taken out of their queue. */
  expired: { place: QueuePlace; entry: QueueEntry }[];
}

/** Rounds of matching after a lost race; the sweep picks up anyone still left. */
const matchRounds = 3;
/** Partners remembered per member, for "not paired in the last week". */
const recentPartners = 20;

export function queueName(place: QueuePlace): string {
  return `${tenantKey(place.platform, place.tenant)}:${encodeURIComponent(place.cohort ?? '')}`;
}

function placeOf(queue: string): QueuePlace | null {
  const parts = queue.split(':');
  if (parts.length !== 3) return null;
  const [platform, tenant, cohort] = parts.map(decodeURIComponent) as [string, string, string];
  return { platform, tenant, cohort: cohort || null };
}

/**
 * The peer-pairing queues on the shared store. An entry leaves its queue only by the claim on its id
 * (`pair-taken:<id>`), taken for both members of a match in one order, so across any number of
 * instances each member is matched at most once; a member who joins while a compatible one waits is
 * matched at once, and the sweep matches anyone a race left waiting.
 */
export function createPairQueue(context: CoachContext, waitMs: number) {
  const { store, clock, newId } = context;
  const takenKey = (entry: QueueEntry) => `pair-taken:${entry.id}`;
  // Longer than any entry can wait, so a taken entry is never taken again.
  const takenTtl = waitMs + 60 * 60 * 1000;

  async function waiting(queue: string): Promise<QueueEntry[]> {
    const raw = await store.pairQueue(queue);
    const entries: QueueEntry[] = [];
    for (const member of raw) {
      const entry = decodeEntry(member);
      if (entry) entries.push(entry);
      else await store.leavePairQueue(queue, member);
    }
    return entries;
  }

  /** Blocks either way and recent partners, read once for every candidate. */
  async function factsFor(
    place: QueuePlace,
    entry: QueueEntry,
    others: QueueEntry[],
  ): Promise<CandidateFacts> {
    const actor = (user: string) => ({ platform: place.platform, tenant: place.tenant, user });
    const [own, ...theirs] = await store.getMemberSettingsMany([
      actor(entry.user),
      ...others.map((other) => actor(other.user)),
    ]);
    const blockedBy = new Set(
      others
        .filter((_, index) => theirs[index]?.pairing.blocked.includes(entry.user))
        .map(({ user }) => user),
    );
    const blocked = new Set(own?.pairing.blocked ?? []);
    const recent = new Map((own?.pairing.recent ?? []).map(({ user, at }) => [user, at]));
    return {
      blocked: (user) => blocked.has(user) || blockedBy.has(user),
      lastPairedAt: (user) => recent.get(user),
    };
  }

  /** Both claims or neither; 'self' when `entry` itself was taken meanwhile (someone matched it). */
  async function take(entry: QueueEntry, other: QueueEntry): Promise<'ok' | 'self' | 'other'> {
    const [low, high] = entry.id < other.id ? [entry, other] : [other, entry];
    if (!(await store.claim(takenKey(low), takenTtl))) return low === entry ? 'self' : 'other';
    if (await store.claim(takenKey(high), takenTtl)) return 'ok';
    await store.releaseClaim(takenKey(low));
    return high === entry ? 'self' : 'other';
  }

  async function remember(place: QueuePlace, user: string, partner: string, at: number) {
    await store.updateMemberSettings(
      { platform: place.platform, tenant: place.tenant, user },
      (settings) => ({
        ...settings,
        pairing: {
          ...settings.pairing,
          recent: [
            ...settings.pairing.recent.filter((item) => item.user !== partner),
            { user: partner, at },
          ].slice(-recentPartners),
        },
      }),
    );
  }

  async function matched(place: QueuePlace, queue: string, entry: QueueEntry, other: QueueEntry) {
    await Promise.all([
      store.leavePairQueue(queue, encodeEntry(entry)),
      store.leavePairQueue(queue, encodeEntry(other)),
    ]);
    const now = clock.now();
    await remember(place, entry.user, other.user, now);
    await remember(place, other.user, entry.user, now);
    const [first, second] = other.at <= entry.at ? [other, entry] : [entry, other];
    const channel = second.channel ?? first.channel;
    return { ...place, first, second, request: agreedRequest(first, second), channel };
  }

  /** Matches `entry` with the best waiting candidate; null when nobody suits, 'taken' when someone matched it. */
  async function tryMatch(place: QueuePlace, entry: QueueEntry): Promise<PairMatch | 'taken' | null> {
    const queue = queueName(place);
    for (let round = 1; round <= matchRounds; round += 1) {
      const others = (await waiting(queue)).filter((other) => other.id !== entry.id);
      if (others.length === 0) return null;
      const facts = await factsFor(place, entry, others);
      const candidates = rankCandidates(entry, others, facts, clock.now());
      if (candidates.length === 0) return null;
      for (const other of candidates) {
        const outcome = await take(entry, other);
        if (outcome === 'ok') return matched(place, queue, entry, other);
        if (outcome === 'self') return 'taken';
      }
      // Every candidate was taken by someone else as we tried: read the queue again.
      await pauseBriefly(round);
    }
    return null;
  }

  return {
    async waitingEntry(place: QueuePlace, user: string): Promise<QueueEntry | undefined> {
      return (await waiting(queueName(place))).find((entry) => entry.user === user);
    },

    async join(
      place: QueuePlace,
      user: string,
      request: PairRequest,
      channel: string | null,
    ): Promise<JoinResult> {
      const queue = queueName(place);
      const mine = (await waiting(queue)).find((entry) => entry.user === user);
      if (mine) return { status: 'already-waiting', entry: mine };
      const entry: QueueEntry = { id: newId(), user, ...request, at: clock.now(), channel };
      // In the queue before looking for a partner: two joining at once then see each other.
      await store.joinPairQueue(queue, encodeEntry(entry));
      const match = await tryMatch(place, entry);
      // 'taken': another member's join matched this one meanwhile, and that join reports the match.
      return match && match !== 'taken' ? { status: 'matched', match } : { status: 'waiting', entry };
    },

    /** Leaves the queue; false when not waiting (or already matched). */
    async cancel(place: QueuePlace, user: string): Promise<boolean> {
      const queue = queueName(place);
      const mine = (await waiting(queue)).find((entry) => entry.user === user);
      if (!mine || !(await store.claim(takenKey(mine), takenTtl))) return false;
      await store.leavePairQueue(queue, encodeEntry(mine));
      return true;
    },

    /**
     * Ends waits past `waitMs` and matches whoever a race left waiting, in every queue. Every instance
     * may sweep at once: the claims keep each entry's outcome single.
     */
    async sweep(): Promise<SweepResult> {
      const result: SweepResult = { matches: [], expired: [] };
      for (const queue of await store.pairQueues()) {
        const place = placeOf(queue);
        if (!place) continue;
        const entries = (await waiting(queue)).sort((a, b) => a.at - b.at);
        if (entries.length === 0) {
          await store.dropPairQueue(queue);
          continue;
        }
        const now = clock.now();
        const handled = new Set<string>();
        for (const entry of entries) {
          if (handled.has(entry.id)) continue;
          if (now - entry.at >= waitMs) {
            if (await store.claim(takenKey(entry), takenTtl)) {
              await store.leavePairQueue(queue, encodeEntry(entry));
              result.expired.push({ place, entry });
            }
            continue;
          }
          const match = await tryMatch(place, entry);
          if (match && match !== 'taken') {
            result.matches.push(match);
            handled.add(match.first.id).add(match.second.id);
          }
        }
      }
      return result;
    },
  };
}

export type PairQueue = ReturnType<typeof createPairQueue>;
