import { describe, expect, it } from 'vitest';
import { createStreamedMessage, type StreamTarget } from '../../src/chat/streamed-message.ts';
import type { ThrottleClock } from '../../src/chat/throttled-updater.ts';

/** Time stands still: the first push is edited at once, later ones wait for a tick that never comes. */
const stillClock: ThrottleClock = { now: () => 0, setTimeout: () => ({}) };

/** Lets the edits already started run, as the time between two streamed chunks does. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

interface Payload {
  text: string;
  final?: boolean;
}

/** A message that records what was edited into it and posted after it; `failing` edits throw. */
function recordingTarget(failing: (payload: Payload) => boolean = () => false) {
  const edited: string[] = [];
  const posted: string[] = [];
  const target: StreamTarget<Payload> = {
    async edit(payload) {
      if (failing(payload)) throw new Error('message deleted');
      edited.push(payload.text);
    },
    async post(payload) {
      posted.push(payload.text);
    },
  };
  return { target, edited, posted };
}

describe('createStreamedMessage', () => {
  it('edits the streamed payloads in, the final one last, and posts nothing new when it lands', async () => {
    const { target, edited, posted } = recordingTarget();
    const message = createStreamedMessage(target, { intervalMs: 1000, clock: stillClock });
    message.push({ text: 'Go' });
    await tick();
    message.push({ text: 'Good' });
    await message.finish({ text: 'Good answer.', final: true });
    expect(edited).toEqual(['Go', 'Good answer.']);
    expect(posted).toEqual([]);
  });

  it('posts the final payload anew when its edit fails, and reports the failure', async () => {
    const errors: unknown[] = [];
    const { target, edited, posted } = recordingTarget((payload) => payload.final === true);
    const message = createStreamedMessage(target, {
      intervalMs: 1000,
      clock: stillClock,
      onError: (error) => errors.push(error),
    });
    message.push({ text: 'Go' });
    await tick();
    await message.finish({ text: 'Good answer.', final: true });
    expect(edited).toEqual(['Go']);
    expect(posted).toEqual(['Good answer.']);
    expect(errors).toHaveLength(1);
  });

  it('lands the final payload in place of a partial still waiting its turn', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const edited: string[] = [];
    const message = createStreamedMessage<Payload>(
      {
        async edit(payload) {
          if (payload.text === 'G') await slow;
          edited.push(payload.text);
        },
        post: async () => {},
      },
      { intervalMs: 0, clock: stillClock },
    );
    message.push({ text: 'G' });
    await tick();
    message.push({ text: 'Go' });
    const done = message.finish({ text: 'Good answer.' });
    release();
    await done;
    expect(edited).toEqual(['G', 'Good answer.', 'Good answer.']);
  });

  it('needs no new post when only a partial edit failed', async () => {
    const { target, edited, posted } = recordingTarget((payload) => payload.text === 'Go');
    const message = createStreamedMessage(target, { intervalMs: 1000, clock: stillClock });
    message.push({ text: 'Go' });
    await tick();
    await message.finish({ text: 'Good answer.' });
    expect(edited).toEqual(['Good answer.']);
    expect(posted).toEqual([]);
  });
});
