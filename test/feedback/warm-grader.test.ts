import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/content/load-pack.ts';
import { warmGrader } from '../../src/feedback/warm-grader.ts';

const packs = loadPacks();
const total = [...packs.values()].reduce((sum, pack) => sum + pack.questions.length, 0);

describe('warming the grader at start', () => {
  it('compiles every question of every pack, yielding to the event loop between them', async () => {
    let ticks = 0;
    const ticking = setInterval(() => {
      ticks += 1;
    }, 0);
    const compiled = await warmGrader(packs);
    clearInterval(ticking);
    expect(compiled).toBe(total);
    expect(total).toBeGreaterThan(1);
    // Timers ran while it worked: it never held the loop for the whole warm-up.
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops when the bot stops', async () => {
    const stopped = new AbortController();
    const warming = warmGrader(packs, stopped.signal);
    stopped.abort();
    expect(await warming).toBeLessThan(total);
  });
});
