import { DeliveryError, type DeliveryErrorCode } from '../../src/index.ts';
import { wording } from './wording.ts';

/**
 * The Web API's answer as one short code: the platform's own (`not_in_channel`), `ratelimited`, or
 * the transport's. Never the message: it can carry request details.
 */
export function slackErrorCode(error: unknown): string {
  const failure = error as {
    code?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
    original?: { message?: unknown };
  };
  if (failure?.code === 'slack_webapi_platform_error' && typeof failure.data?.error === 'string') {
    return failure.data.error;
  }
  if (failure?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (failure?.code === 'slack_webapi_http_error') return `http_${String(failure.statusCode ?? 'error')}`;
  if (failure?.code === 'slack_webapi_request_error') {
    // The client waited out a 429 and had no retries left: still a rate limit to the user.
    return /rate limit/i.test(String(failure.original?.message)) ? 'ratelimited' : 'request_failed';
  }
  if ((error as { name?: unknown })?.name === 'RespondError') return 'respond_failed';
  return 'unknown';
}

/** What the user is told when Slack refuses a reply: what happened and what to do next. */
export function slackErrorText(code: string): string {
  switch (code) {
    case 'not_in_channel':
      return wording.slackError.notInChannel();
    case 'channel_not_found':
    case 'user_not_in_channel':
      return wording.slackError.channelNotFound();
    case 'is_archived':
      return wording.slackError.archived();
    case 'ratelimited':
    case 'rate_limited':
    case 'http_429':
      return wording.slackError.rateLimited();
    default:
      return wording.slackError.other();
  }
}

const forbidden = new Set([
  'not_in_channel',
  'channel_not_found',
  'user_not_in_channel',
  'is_archived',
  'restricted_action',
  'message_not_found',
  'cant_update_message',
]);

const rateLimited = new Set(['ratelimited', 'rate_limited', 'http_429']);

/** Slack's refusal as the error the core understands (see `Outbox`); the Web API's error is its cause. */
export function deliveryErrorFrom(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const platformCode = slackErrorCode(error);
  let code: DeliveryErrorCode = 'DELIVERY_FAILED';
  if (forbidden.has(platformCode)) code = 'DELIVERY_FORBIDDEN';
  else if (rateLimited.has(platformCode)) code = 'DELIVERY_RATE_LIMITED';
  return new DeliveryError(code, platformCode, { cause: error });
}
