import { UserFacingError } from '../../errors.ts';
import { actorKey } from '../actor-key.ts';
import type { CoachContext } from '../coach-context.ts';
import type { Actor } from '../ports.ts';
import type { SettingsCache } from '../settings-cache.ts';
import { createPairQueue, type JoinResult, type QueuePlace, type SweepResult } from './pair-queue.ts';
import type { PairRequest } from './pair-request.ts';
import { createPairSessions } from './pair-sessions.ts';

export const defaultPairWaitMinutes = 15;
/** One join per member this often: enough to retry, too slow to spam a queue. */
const joinIntervalMs = 5000;

export interface PairJoin {
  /**
   * The channel the member asked in (null in a direct message): a cohort's channel joins that cohort's
   * queue, anywhere else the workspace's or server's. The private space opens beside it where it can.
   */
  channel: string | null;
  packId?: string | null;
  kind?: PairRequest['kind'];
  level?: PairRequest['level'];
}

/**
 * Peer mock interviews, the queue part: joining (matched at once when a compatible member waits),
 * leaving, blocking, and the sweep that ends long waits. Throws UserFacingError with what to do next.
 */
export function createPairing(
  context: CoachContext,
  caches: Pick<SettingsCache, 'tenantConfigCached' | 'memberTimeZone'>,
  waitMinutes: number,
) {
  const { store } = context;
  const waitMs = waitMinutes * 60 * 1000;
  const queue = createPairQueue(context, waitMs);
  /** A cohort is known by its channel: asking there is asking in the cohort. */
  async function placeOf(actor: Actor, channel: string | null): Promise<QueuePlace> {
    const { cohorts } = await caches.tenantConfigCached(actor.platform, actor.tenant);
    const cohort = channel !== null && Object.hasOwn(cohorts, channel) ? channel : null;
    return { platform: actor.platform, tenant: actor.tenant, cohort };
  }

  async function setBlocked(actor: Actor, user: string, blocked: boolean) {
    if (user === actor.user)
      throw new UserFacingError('PAIR_BLOCK_SELF', 'You cannot block yourself; name another member.');
    await store.updateMemberSettings(actor, (settings) => {
      const others = settings.pairing.blocked.filter((other) => other !== user);
      return { ...settings, pairing: { ...settings.pairing, blocked: blocked ? [...others, user] : others } };
    });
  }

  const sessions = createPairSessions(context, caches);
  return {
    waitMinutes,
    sessions,
    /** Joins the queue of the place asked in; `cohort` in the answer says whose queue that is. */
    async join(actor: Actor, request: PairJoin): Promise<JoinResult & { cohort: string | null }> {
      const packId = request.packId ?? context.defaultPackId;
      context.packOf(packId);
      const place = await placeOf(actor, request.channel);
      const waiting = await queue.waitingEntry(place, actor.user);
      if (waiting) return { status: 'already-waiting', entry: waiting, cohort: place.cohort };
      // One claim per member per interval, named by the coach's clock (a server's own expiry would not follow it).
      const slot = Math.floor(context.clock.now() / joinIntervalMs);
      if (!(await store.claim(`pair-join:${actorKey(actor)}:${slot}`, 2 * joinIntervalMs))) {
        throw new UserFacingError(
          'PAIR_RATE_LIMITED',
          'You just joined the pairing queue. Wait a few seconds before trying again.',
        );
      }
      const wanted = { packId, kind: request.kind ?? null, level: request.level ?? null };
      const joined = await queue.join(place, actor.user, wanted, request.channel);
      return { ...joined, cohort: place.cohort };
    },
    /** Leaves the queue of the place asked in; true when the member was waiting there. */
    async cancel(actor: Actor, channel: string | null): Promise<boolean> {
      return queue.cancel(await placeOf(actor, channel), actor.user);
    },
    /** Private: the other member is never told, and is never matched with `actor` again. */
    block: (actor: Actor, user: string) => setBlocked(actor, user, true),
    unblock: (actor: Actor, user: string) => setBlocked(actor, user, false),
    sweep: (): Promise<SweepResult> => queue.sweep(),
  };
}

export type Pairing = ReturnType<typeof createPairing>;
