import { monotonicClock } from '../core/clock.ts';

/**
 * Edits one message while its content streams in (text, or a platform's whole payload), at most once
 * per `intervalMs`, and always lands the final value last. Edits run one at a time, in order, so a slow
 * edit can never overwrite a newer one. Platform-free: `createStreamedMessage` builds on it.
 */
export interface ThrottledUpdater<T = string> {
  /** The latest partial value; applied now or at the next tick, whichever keeps the rate. */
  push(value: T): void;
  /** The final value: waits for any edit in flight, then applies this one. Resolves when it has run. */
  finish(value: T): Promise<void>;
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

export interface ThrottleOptions {
  intervalMs: number;
  onError?: (error: unknown) => void;
  clock?: ThrottleClock;
}

export function createThrottledUpdater<T extends object | string = string>(
  apply: (value: T) => Promise<void>,
  options: ThrottleOptions,
): ThrottledUpdater<T> {
  const clock = options.clock ?? realClock;
  let lastApplied = Number.NEGATIVE_INFINITY;
  let pending: T | null = null;
  let timerSet = false;
  let finished = false;
  let chain: Promise<void> = Promise.resolve();

  const run = (text: T) => {
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
