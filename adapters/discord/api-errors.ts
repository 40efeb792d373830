import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { DeliveryError, type DeliveryErrorCode } from '../../src/index.ts';

/** Discord's JSON error code (50013 Missing Permissions…), for logs and decisions; null for other errors. */
export function apiErrorCode(error: unknown): number | string | null {
  return error instanceof DiscordAPIError ? error.code : null;
}

/** The bot may not see or act in this channel: a reason to fall back, not a bug. */
export function isPermissionError(error: unknown): boolean {
  const code = apiErrorCode(error);
  return code === RESTJSONErrorCodes.MissingAccess || code === RESTJSONErrorCodes.MissingPermissions;
}

/** The channel, thread or message is gone (deleted, or the interaction's webhook expired). */
const gone: readonly (number | string)[] = [
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.InvalidWebhookToken,
];

/** Discord's refusal as the error the core understands (see `Outbox`); discord.js's error is its cause. */
export function deliveryErrorFrom(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = apiErrorCode(error);
  let reason: DeliveryErrorCode = 'DELIVERY_FAILED';
  if (isPermissionError(error) || (code !== null && gone.includes(code))) reason = 'DELIVERY_FORBIDDEN';
  else if (error instanceof RateLimitError) reason = 'DELIVERY_RATE_LIMITED';
  const platformCode = code ?? (error instanceof HTTPError ? `http_${error.status}` : null);
  return new DeliveryError(reason, platformCode, { cause: error });
}
