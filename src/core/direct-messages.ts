import { StarcoachError } from '../errors.ts';

/** What a direct message from the reminder scheduler is about. */
export type ReminderKind = 'daily' | 'streak' | 'assignment' | 'digest';

/** One direct message: its main kind (a reminder can hold several items) and its text. */
export interface DirectMessage {
  /** `pair-expired`: nobody joined the pairing queue in time. */
  kind: ReminderKind | 'pair-expired';
  text: string;
}

/**
 * The outbound port for private messages to one person, outside any conversation they started: each
 * chat adapter implements it (Slack: conversations.open and chat.postMessage; Discord: a DM channel).
 * It throws `RateLimitedError` when the platform says to slow down, anything else when it refuses.
 */
export interface DirectMessenger {
  platform: string;
  sendDirect(tenant: string, user: string, message: DirectMessage): Promise<void>;
}

/** The platform answered 429: try again no sooner than `retryAfterMs`. */
export class RateLimitedError extends StarcoachError {
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number, options?: { cause?: unknown }) {
    super('RATE_LIMITED', `The platform asked to wait ${retryAfterMs} ms before sending again.`, options);
    this.retryAfterMs = retryAfterMs;
  }
}

export interface DirectSenderOptions {
  messengers: DirectMessenger[];
  /** DMs in flight per platform at most (default 4): a burst of reminders stays under the rate limits. */
  maxInFlight?: number;
  /** Tries per message, the first included (default 4). */
  maxAttempts?: number;
  /** How the sender waits between tries: real timers by default; tests may record what was asked. */
  wait?: (ms: number) => Promise<void>;
}

const backoffBaseMs = 1000;
const backoffCapMs = 60_000;

/**
 * Sends direct messages through the platform's messenger, a few at a time per platform. On a 429 the
 * whole platform pauses for the retry-after the platform gave (doubling on each further 429 for the
 * same message, within a cap) and the message is tried again, up to `maxAttempts` times; any other
 * failure is thrown at once, for the caller to try again later.
 */
export function createDirectSender(options: DirectSenderOptions) {
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const wait = options.wait ?? sleep;
  const lanes = new Map(options.messengers.map((messenger) => [messenger.platform, lane(messenger)]));

  function lane(messenger: DirectMessenger) {
    return { messenger, inFlight: 0, queue: [] as (() => void)[], paused: Promise.resolve() };
  }
  type Lane = ReturnType<typeof lane>;

  async function acquire(target: Lane) {
    if (target.inFlight < maxInFlight) {
      target.inFlight += 1;
      return;
    }
    // The slot is handed over by release(), so inFlight never passes the limit.
    await new Promise<void>((resolve) => target.queue.push(resolve));
  }

  function release(target: Lane) {
    const next = target.queue.shift();
    if (next) next();
    else target.inFlight -= 1;
  }

  async function attempt(target: Lane, tenant: string, user: string, message: DirectMessage) {
    await acquire(target);
    try {
      await target.paused;
      await target.messenger.sendDirect(tenant, user, message);
    } finally {
      release(target);
    }
  }

  return {
    /** Whether a messenger for the platform is there. */
    has: (platform: string) => lanes.has(platform),
    async send(platform: string, tenant: string, user: string, message: DirectMessage): Promise<void> {
      const target = lanes.get(platform);
      if (!target) throw new StarcoachError('NO_MESSENGER', `No direct messenger for ${platform}.`);
      for (let tried = 1; ; tried += 1) {
        try {
          return await attempt(target, tenant, user, message);
        } catch (error) {
          if (!(error instanceof RateLimitedError) || tried >= maxAttempts) throw error;
          const backoff = Math.min(backoffCapMs, backoffBaseMs * 2 ** (tried - 1));
          const delay = Math.min(backoffCapMs, Math.max(error.retryAfterMs * 2 ** (tried - 1), backoff));
          // Everyone on this platform waits: the limit is the app's, not this one message's.
          target.paused = Promise.all([target.paused, wait(delay)]).then(() => {});
          await target.paused;
        }
      }
    },
  };
}

export type DirectSender = ReturnType<typeof createDirectSender>;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
