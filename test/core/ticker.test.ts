import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTicker } from '../../src/core/ticker.ts';

describe('ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once, then after each sleep; a failing run is reported and the loop goes on', async () => {
    const runs: number[] = [];
    const errors: unknown[] = [];
    const ticker = createTicker({
      run: async () => {
        runs.push(Date.now());
        if (runs.length === 2) throw new Error('store down');
      },
      sleepMs: () => 1000,
      fallbackMs: 60_000,
      onError: (error) => errors.push(error),
    });
    const start = Date.now();
    ticker.start();
    await vi.advanceTimersByTimeAsync(3500);
    ticker.stop();
    expect(runs.map((at) => at - start)).toEqual([0, 1000, 2000, 3000]);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(4);
  });

  it('waits the fallback when working out the next wake fails', async () => {
    let runs = 0;
    const ticker = createTicker({
      run: async () => {
        runs += 1;
      },
      sleepMs: async () => {
        throw new Error('cannot read the schedule');
      },
      fallbackMs: 60_000,
      onError: () => {},
    });
    ticker.start();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(2);
    ticker.stop();
  });
});
