import { describe, expect, it } from 'vitest';
import { createThrottledUpdater, type ThrottleClock } from '../../src/chat/throttled-updater.ts';

/** A clock whose timers fire only when the test advances it. */
function manualClock() {
  let now = 0;
  const timers: { at: number; callback: () => void }[] = [];
  const clock: ThrottleClock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      timers.push({ at: now + ms, callback });
      return {};
    },
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { clock, advance };
}

describe('createThrottledUpdater', () => {
  it('applies at most once per interval, the latest text, and the final text last', async () => {
    const { clock, advance } = manualClock();
    const applied: string[] = [];
    const updater = createThrottledUpdater(async (text) => void applied.push(text), {
      intervalMs: 1000,
      clock,
    });
    updater.push('G');
    updater.push('Go');
    updater.push('Goo');
    await advance(10);
    expect(applied).toEqual(['G']);
    await advance(1000);
    expect(applied).toEqual(['G', 'Goo']);
    updater.push('Good');
    await updater.finish('Good answer.');
    await advance(5000);
    expect(applied).toEqual(['G', 'Goo', 'Good answer.']);
  });

  it('never lets a slow edit land after the final one', async () => {
    const { clock } = manualClock();
    const applied: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const updater = createThrottledUpdater(
      async (text) => {
        if (text === 'partial') await slow;
        applied.push(text);
      },
      { intervalMs: 1000, clock },
    );
    updater.push('partial');
    const done = updater.finish('final');
    release();
    await done;
    expect(applied).toEqual(['partial', 'final']);
  });

  it('reports a failed edit and still lands the final text', async () => {
    const { clock } = manualClock();
    const errors: unknown[] = [];
    const applied: string[] = [];
    const updater = createThrottledUpdater(
      async (text) => {
        if (text === 'bad') throw new Error('rate limited');
        applied.push(text);
      },
      { intervalMs: 1000, clock, onError: (error) => errors.push(error) },
    );
    updater.push('bad');
    await updater.finish('final');
    expect(errors).toHaveLength(1);
    expect(applied).toEqual(['final']);
  });
});
