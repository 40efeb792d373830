import { monotonicClock } from '../core/clock.ts';
import type { Coach } from '../core/coach.ts';
import type { Clock } from '../core/ports.ts';
import type { ServerLogger } from './server-logger.ts';

/**
 * The coach with its inbound port logged: one info line per event handled, with its ids and how long
 * it took (milliseconds, one decimal). Never the event's text or recording: only what names it.
 */
export function withEventLog(coach: Coach, logger: ServerLogger, clock: Clock = monotonicClock): Coach {
  return {
    ...coach,
    async handle(event, out) {
      const started = clock.now();
      try {
        await coach.handle(event, out);
      } finally {
        logger.info('event-handled', {
          platform: event.actor.platform,
          tenant: event.actor.tenant,
          type: event.type,
          deliveryId: event.deliveryId,
          ms: Math.round((clock.now() - started) * 10) / 10,
        });
      }
    },
  };
}
