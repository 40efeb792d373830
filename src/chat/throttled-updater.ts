import { monotonicClock } from '../core/clock.ts';

/**
 * Edits one message while text streams in, at most once per `intervalMs`, and always lands the final
 * text last. Edits run one at a time, in order, so a slow edit can never overwrite a newer one.
 * Platform-free: Slack and Discord adapters pass their own `apply` (chat.update, message.edit).
 */
export interface ThrottledUpdater {
  /** The latest partial text; applied now or at the next tick, whichever keeps the rate. */
  push(text: string): void;
  /** The final text: waits for any edit in flight, then applies this one. Resolves when it has landed. */
  finish(text: string): Promise<void>;
}

export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): { unref?(): void } | unknown;
}

// Elapsed time against real timers: the monotonic clock, not a date.
const realClock: ThrottleClock = {
  now: () => monotonicClock.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
};

export function createThrottledUpdater(
  apply: (text: string) => Promise<void>,
  options: { intervalMs: number; onError?: (error: unknown) => void; clock?: ThrottleClock },
): ThrottledUpdater {
  const clock = options.clock ?? realClock;
  let lastApplied = Number.NEGATIVE_INFINITY;
  let pending: string | null = null;
  let timerSet = false;
  let finished = false;
  let chain: Promise<void> = Promise.resolve();

  const run = (text: string) => {
    lastApplied = clock.now();
    chain = chain.then(() => apply(text)).catch((error: unknown) => options.onError?.(error));
    return chain;
  };

  const flush = () => {
    timerSet = false;
    if (finished || pending === null) return;
    const text = pending;
    pending = null;
    void run(text);
  };

  return {
    push(text) {
      if (finished) return;
      pending = text;
      const wait = lastApplied + options.intervalMs - clock.now();
      if (wait <= 0) flush();
      else if (!timerSet) {
        timerSet = true;
        const timer = clock.setTimeout(flush, wait) as { unref?(): void };
        timer?.unref?.();
      }
    },
    async finish(text) {
      finished = true;
      pending = null;
      await run(text);
    },
  };
}
