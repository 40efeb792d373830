import { DeliveryError, StarcoachError, UserFacingError } from '../errors.ts';
import type { Logger } from './logger.ts';
import { messages } from './messages.ts';
import type { InboundEvent, Outbox } from './ports.ts';

/**
 * The one catch of the inbound port: a UserFacingError's message goes to the actor; a DeliveryError
 * (the platform refused a reply) is logged as a warning and the actor is told in delivery terms;
 * anything else is logged with its code and the actor is told that something broke.
 */
export async function reportError(error: unknown, event: InboundEvent, out: Outbox, logger: Logger) {
  const userFacing = error instanceof UserFacingError;
  // The platform refused a reply: its doing, not a bug of ours, and the user can try again.
  const delivery = error instanceof DeliveryError;
  if (delivery) {
    logger.warn('reply-delivery-failed', {
      platform: event.actor.platform,
      type: event.type,
      deliveryId: event.deliveryId,
      code: error.code,
      platformCode: error.platformCode,
    });
  } else if (!userFacing) {
    // Never the answer text: only the event type, delivery and the error's code.
    logger.error('event-failed', {
      type: event.type,
      deliveryId: event.deliveryId,
      code: error instanceof StarcoachError ? error.code : 'INTERNAL',
      error,
    });
  }
  const code = userFacing || delivery ? error.code : 'INTERNAL';
  const text = userFacing
    ? error.message
    : delivery
      ? messages.deliveryFailed(error.code)
      : messages.internalError();
  try {
    await out.send({ type: 'error', private: true, actions: [], code, text });
  } catch (sendError) {
    // The platform itself failed (the same failure, often): nothing more can reach the user here.
    logger.error('error-reply-failed', {
      type: event.type,
      deliveryId: event.deliveryId,
      error: sendError,
    });
  }
}
