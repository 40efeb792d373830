import { UserFacingError } from '../../errors.ts';
import { actorKey } from '../actor-key.ts';
import type { CoachContext } from '../coach-context.ts';
import type { Actor } from '../ports.ts';
import { createPairQueue, type JoinResult, type QueuePlace, type SweepResult } from './pair-queue.ts';
import type { PairRequest } from './pair-request.ts';

export const defaultPairWaitMinutes = 15;
/** One join per member this often: enough to retry, too slow to spam a queue. */
const joinIntervalMs = 5000;

export interface PairJoin {
  /** The cohort's channel when joined in a cohort channel, else null (the workspace's queue). */
  cohort: string | null;
  packId?: string | null;
  kind?: PairRequest['kind'];
  level?: PairRequest['level'];
}

/**
 * Peer mock interviews, the queue part: joining (matched at once when a compatible member waits),
 * leaving, blocking, and the sweep that ends long waits. Throws UserFacingError with what to do next.
 */
export function createPairing(context: CoachContext, waitMinutes: number) {
  const { store } = context;
  const waitMs = waitMinutes * 60 * 1000;
  const queue = createPairQueue(context, waitMs);
  const placeOf = (actor: Actor, cohort: string | null): QueuePlace => ({
    platform: actor.platform,
    tenant: actor.tenant,
    cohort,
  });

  async function setBlocked(actor: Actor, user: string, blocked: boolean) {
    if (user === actor.user)
      throw new UserFacingError('PAIR_BLOCK_SELF', 'You cannot block yourself; name another member.');
    await store.updateMemberSettings(actor, (settings) => {
      const others = settings.pairing.blocked.filter((other) => other !== user);
      return { ...settings, pairing: { ...settings.pairing, blocked: blocked ? [...others, user] : others } };
    });
  }

  return {
    waitMinutes,
    async join(actor: Actor, request: PairJoin): Promise<JoinResult> {
      const packId = request.packId ?? context.defaultPackId;
      context.packOf(packId);
      const place = placeOf(actor, request.cohort);
      const waiting = await queue.waitingEntry(place, actor.user);
      if (waiting) return { status: 'already-waiting', entry: waiting };
      // One claim per member per interval, named by the coach's clock (a server's own expiry would not follow it).
      const slot = Math.floor(context.clock.now() / joinIntervalMs);
      if (!(await store.claim(`pair-join:${actorKey(actor)}:${slot}`, 2 * joinIntervalMs))) {
        throw new UserFacingError(
          'PAIR_RATE_LIMITED',
          'You just joined the pairing queue. Wait a few seconds before trying again.',
        );
      }
      return queue.join(place, actor.user, {
        packId,
        kind: request.kind ?? null,
        level: request.level ?? null,
      });
    },
    /** True when the member was waiting and has left the queue. */
    cancel(actor: Actor, cohort: string | null): Promise<boolean> {
      return queue.cancel(placeOf(actor, cohort), actor.user);
    },
    /** Private: the other member is never told, and is never matched with `actor` again. */
    block: (actor: Actor, user: string) => setBlocked(actor, user, true),
    unblock: (actor: Actor, user: string) => setBlocked(actor, user, false),
    sweep: (): Promise<SweepResult> => queue.sweep(),
  };
}

export type Pairing = ReturnType<typeof createPairing>;
