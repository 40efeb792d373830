import { describe, expect, it } from 'vitest';
import { Gate } from '../../src/core/gate.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  it('runs at most `limit` tasks at once, in arrival order', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        gate.run(async () => {
          started.push(index);
          running += 1;
          most = Math.max(most, running);
          await tick();
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('frees the slot while a task waits outside it, and takes it back after', async () => {
    const gate = new Gate(1);
    const order: string[] = [];
    let finishSlowWait!: () => void;
    const slowWait = new Promise<void>((resolve) => {
      finishSlowWait = resolve;
    });
    const first = gate.run(async () => {
      order.push('first in');
      await gate.outside(() => slowWait);
      order.push('first back');
    });
    await tick();
    const second = gate.run(async () => {
      order.push('second in');
    });
    await second;
    finishSlowWait();
    await first;
    expect(order).toEqual(['first in', 'second in', 'first back']);
  });

  it('releases the slot when a task fails', async () => {
    const gate = new Gate(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
