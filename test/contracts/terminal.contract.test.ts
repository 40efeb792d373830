import { PassThrough } from 'node:stream';
import { createTerminalAdapter } from '../../adapters/terminal/index.ts';
import { plainStyle } from '../../adapters/terminal/style.ts';
import { createCoach } from '../../src/core/coach.ts';
import type { Actor } from '../../src/core/ports.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { FakeTerminalOutput } from '../fakes/terminal-output.ts';
import {
  type ContractDriver,
  type ContractSetup,
  errorRecordingLogger,
  runAdapterContract,
} from './adapter.contract.ts';

const actor: Actor = { platform: 'terminal', tenant: 'local', user: 'owner' };
let stores = 0;

/**
 * The real terminal adapter on piped streams, as `starcoach practice < answers.txt` runs it. A start is a
 * new run of the command on the same store; an answer is a line typed into the current run. The terminal
 * has no edits: an update is written under the reply it updates, so a refused edit is a refused write.
 */
async function openTerminal({ pack, feedback }: ContractSetup): Promise<ContractDriver> {
  const clock = new ManualClock();
  const store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock,
    prefix: `terminal-contract-${++stores}`,
  });
  const logger = errorRecordingLogger();
  let sessions = 0;
  const coach = createCoach({
    store,
    packs: new Map([[pack.id, pack]]),
    feedback,
    clock,
    logger,
    random: () => 0,
    newId: () => `session-${++sessions}`,
  });
  const output = new FakeTerminalOutput();
  const handled: Promise<void>[] = [];
  const runs: { input: PassThrough; done: Promise<void> }[] = [];

  async function next(before: number) {
    const deadline = Date.now() + 8000;
    while (handled.length === before) {
      if (Date.now() > deadline) throw new Error('the line never reached the coach');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(handled.slice(before));
  }

  return {
    async start() {
      const input = new PassThrough();
      const adapter = createTerminalAdapter({
        input,
        output,
        actor,
        startOptions: { packId: pack.id },
        interactive: false,
        style: plainStyle,
        filterLabel: 'mixed · any level',
      });
      const before = handled.length;
      const done = adapter.start((event, out) => {
        const work = coach.handle(event, out);
        handled.push(work);
        return work;
      });
      runs.push({ input, done });
      await next(before);
    },
    async answer(text) {
      const run = runs.at(-1);
      if (!run) throw new Error('no run to type into');
      const before = handled.length;
      run.input.write(`${text}\n`);
      await next(before);
    },
    answerAgain: () => Promise.reject(new Error('a terminal line is read once')),
    press: () => Promise.reject(new Error('the terminal has no buttons')),
    refuse(_kind, times) {
      output.refuse(times);
    },
    shown: () => output.writes.map((text, index) => ({ key: String(index), text, private: true })),
    errors: () => [...logger.errors],
    async close() {
      for (const run of runs) run.input.end();
      await Promise.all(runs.map((run) => run.done));
      await store.close();
    },
  };
}

runAdapterContract({
  name: 'terminal',
  open: openTerminal,
  cannot: {
    'a stale button': 'the terminal has no buttons: /hint and /skip act on the current question',
    'a duplicate delivery': 'lines come from one pipe and are read once: nothing delivers them again',
    'a non-owner': 'one person at one terminal: nobody else can act there',
  },
});
