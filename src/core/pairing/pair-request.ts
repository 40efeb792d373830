import type { QuestionKind, QuestionLevel } from '../../content/pack-schema.ts';

/** What a member asks to practise with a peer; null kind or level means any. */
export interface PairRequest {
  packId: string;
  kind: QuestionKind | null;
  level: QuestionLevel | null;
}

/** A member waiting in a queue, as stored: one set member per entry, so two joins never collide. */
export interface QueueEntry extends PairRequest {
  /** Unique per join: the claim that takes a member out of the queue is on this id. */
  id: string;
  user: string;
  /** When they joined (ms). */
  at: number;
  /** Where they joined from: the channel a match's private space opens in (a Discord thread's parent). */
  channel: string | null;
}

/** Both ask for the same pack, and for the same kind and level where both name one. */
export function compatible(a: PairRequest, b: PairRequest): boolean {
  if (a.packId !== b.packId) return false;
  if (a.kind && b.kind && a.kind !== b.kind) return false;
  return !(a.level && b.level && a.level !== b.level);
}

/** What the pair practises: the narrower request of the two. */
export function agreedRequest(a: PairRequest, b: PairRequest): PairRequest {
  return { packId: a.packId, kind: a.kind ?? b.kind, level: a.level ?? b.level };
}

export interface CandidateFacts {
  /** Users this member blocked, and users who blocked them (either way rules a match out). */
  blocked: (user: string) => boolean;
  /** When this member was last paired with `user` (ms), or undefined. */
  lastPairedAt: (user: string) => number | undefined;
}

const weekMs = 7 * 24 * 60 * 60 * 1000;

/**
 * The members `entry` may be matched with, best first: compatible, not blocked either way, not
 * themselves; those not paired with them in the last week before those who were, then who waited longest.
 */
export function rankCandidates(
  entry: QueueEntry,
  waiting: readonly QueueEntry[],
  facts: CandidateFacts,
  now: number,
): QueueEntry[] {
  const recent = (other: QueueEntry) => {
    const at = facts.lastPairedAt(other.user);
    return at !== undefined && now - at < weekMs ? 1 : 0;
  };
  return waiting
    .filter((other) => other.user !== entry.user && compatible(entry, other) && !facts.blocked(other.user))
    .sort((a, b) => recent(a) - recent(b) || a.at - b.at || a.id.localeCompare(b.id));
}

export function encodeEntry(entry: QueueEntry): string {
  return JSON.stringify([
    entry.id,
    entry.user,
    entry.packId,
    entry.kind,
    entry.level,
    entry.at,
    entry.channel,
  ]);
}

/** Null for anything that is not an entry this version wrote: it is dropped from the queue. */
export function decodeEntry(member: string): QueueEntry | null {
  try {
    const [id, user, packId, kind, level, at, channel] = JSON.parse(member) as unknown[];
    if (typeof id !== 'string' || typeof user !== 'string' || typeof packId !== 'string') return null;
    if (typeof at !== 'number') return null;
    return {
      id,
      user,
      packId,
      kind: (typeof kind === 'string' ? kind : null) as QueueEntry['kind'],
      level: (typeof level === 'string' ? level : null) as QueueEntry['level'],
      at,
      channel: typeof channel === 'string' ? channel : null,
    };
  } catch {
    return null;
  }
}
