import type { Clock } from './ports.ts';

/**
 * The one module that reads the machine's time (a test in test/architecture keeps it so). Everything
 * else is given a Clock: this one by the composition root, a ManualClock in tests.
 */

/** Wall-clock time: dates, expiry, TTLs, anything a test should be able to move. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Monotonic milliseconds, never a date: for deadlines and rates that race real timers (setTimeout)
 * around I/O, unaffected when the wall clock is set.
 */
export const monotonicClock: Clock = { now: () => performance.now() };
