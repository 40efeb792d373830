import { StarcoachError, UserFacingError } from '../errors.ts';
import type { Logger } from './logger.ts';
import { messages } from './messages.ts';
import type { InboundEvent, Outbox } from './ports.ts';

/**
 * The one catch of the inbound port: a UserFacingError's message goes to the actor; anything else
 * is logged with its code and the actor is told that something broke.
 */
export async function reportError(error: unknown, event: InboundEvent, out: Outbox, logger: Logger) {
  const userFacing = error instanceof UserFacingError;
  if (!userFacing) {
    // Never the answer text: only the event type, delivery and the error's code.
    logger.error('event-failed', {
      type: event.type,
      deliveryId: event.deliveryId,
      code: error instanceof StarcoachError ? error.code : 'INTERNAL',
      error,
    });
  }
  const code = userFacing ? error.code : 'INTERNAL';
  const text = userFacing ? error.message : messages.internalError();
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
