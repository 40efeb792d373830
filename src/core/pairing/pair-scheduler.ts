import { UserFacingError } from '../../errors.ts';
import type { DirectMessenger } from '../direct-messages.ts';
import type { Logger } from '../logger.ts';
import { createTicker } from '../ticker.ts';
import { pairMessages } from './pair-messages.ts';
import type { PairMatch } from './pair-queue.ts';
import type { PairRooms } from './pair-rooms.ts';
import type { Pairing } from './pairing.ts';

export interface PairSchedulerDependencies {
  pairing: Pairing;
  /** Each platform's side of peer sessions; a platform without one is left alone. */
  rooms: PairRooms[];
  /** Tells a member their wait is over; a platform without one is not told. */
  messengers: DirectMessenger[];
  logger: Logger;
}

/** Often enough that a race-left member waits seconds, rarely enough to cost nothing when idle. */
export const pairSweepMs = 30_000;

export interface PairSweepOutcome {
  started: number;
  expired: number;
  idleEnded: number;
}

/**
 * The background half of peer pairing, on every instance: matches the queue's sweep found are started
 * in their platform's rooms, members who waited too long are told, and idle sessions end. The store's
 * claims in the core keep each outcome single across instances; one failure never stops the others.
 */
export function createPairScheduler(deps: PairSchedulerDependencies) {
  const { pairing, logger } = deps;
  const roomsFor = (platform: string) => deps.rooms.find((rooms) => rooms.platform === platform);
  const messengerFor = (platform: string) =>
    deps.messengers.find((messenger) => messenger.platform === platform);

  async function tellSecond(rooms: PairRooms, match: PairMatch, text: string) {
    await rooms
      .notify(match.tenant, match.second.user, { type: 'pair-notice', code: 'PAIR_OPEN_FAILED', text })
      .catch((error: unknown) =>
        logger.warn('pair-notice-failed', { platform: match.platform, tenant: match.tenant, error }),
      );
  }

  async function runOnce(): Promise<PairSweepOutcome> {
    const outcome: PairSweepOutcome = { started: 0, expired: 0, idleEnded: 0 };
    const { matches, expired } = await pairing.sweep();
    for (const match of matches) {
      const rooms = roomsFor(match.platform);
      if (!rooms) continue;
      try {
        await pairing.sessions.start(match, rooms);
        outcome.started += 1;
      } catch (error) {
        logger.warn('pair-start-failed', { platform: match.platform, tenant: match.tenant, error });
        // The core told the one who waited first; the other waited too, with no command to answer.
        if (error instanceof UserFacingError) await tellSecond(rooms, match, error.message);
      }
    }
    const text = pairMessages.expired(pairing.waitMinutes);
    for (const { place, entry } of expired) {
      const messenger = messengerFor(place.platform);
      if (!messenger) continue;
      try {
        await messenger.sendDirect(place.tenant, entry.user, { kind: 'pair-expired', text });
        outcome.expired += 1;
      } catch (error) {
        logger.warn('pair-expired-notice-failed', { platform: place.platform, tenant: place.tenant, error });
      }
    }
    outcome.idleEnded = await pairing.sessions.sweepIdle(roomsFor);
    return outcome;
  }

  const ticker = createTicker({
    run: runOnce,
    sleepMs: () => pairSweepMs,
    fallbackMs: pairSweepMs,
    onError: (error) => logger.error('pair-sweep-failed', { error }),
  });
  return { runOnce, start: () => ticker.start(), stop: () => ticker.stop() };
}

export type PairScheduler = ReturnType<typeof createPairScheduler>;
