import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { FakeOpenAIServer } from '../fakes/openai-server.ts';
import { FakeSlackServer, SlackRequests } from '../fakes/slack-server.ts';
import { textOf } from '../slack/harness.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { logLines } from '../support/spawn-server.ts';

/**
 * A bot process killed (SIGKILL) while it grades an answer, and the answer delivered again to a new
 * process: the answer is graded, once, and recorded once. The answer and its delivery's claim are one
 * write, so there is no moment at which a crash leaves the delivery claimed and the answer lost.
 */

const bin = new URL('../../bin/starcoach', import.meta.url).pathname;
const secret = 'crash-test-signing-secret';
const modelGrade = {
  score: 4,
  star: null,
  evidence: [{ for: 'Codes what is documented: R07.9', quote: 'I would assign R07.9' }],
  coveredPoints: ['Codes what is documented: R07.9'],
  missingPoints: [],
  redFlags: [],
  followUp: null,
  feedback: 'Solid: you coded only what the note supports and named the query.',
};

let slack: FakeSlackServer;
let llm: FakeOpenAIServer;

beforeAll(async () => {
  slack = await FakeSlackServer.start();
  llm = await FakeOpenAIServer.start();
  llm.setDefault({ content: modelGrade });
});
afterAll(async () => {
  await slack.close();
  await llm.close();
});

/** bin/starcoach serving Slack over HTTP on this store; resolves once it listens. */
async function startBot(env: Record<string, string>, team: string) {
  const child = spawn(process.execPath, [bin, 'slack'], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_APP_TOKEN: '',
      DISCORD_TOKEN: '',
      PORT: '0',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: llm.baseURL,
      // The lease on an answer being graded is four times this: another process takes it over after 1.2 s.
      STARCOACH_LLM_TIMEOUT_MS: '300',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const listening = logLines(stderr).find((line) => line.event === 'http-listening');
      if (listening) resolve(Number(listening.port));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    exited,
    requests: new SlackRequests(`http://127.0.0.1:${port}/slack/events`, secret, team),
  };
}

for (const backend of backendCases().filter((entry) => entry.name !== 'memory')) {
  describe.skipIf(backend.url === null)(`a bot killed while grading, on ${backend.name}`, () => {
    const prefix = uniquePrefix(`crash_${backend.name}`);
    const env = { STARCOACH_STORE_URL: backend.url ?? '', STARCOACH_STORE_PREFIX: prefix };
    const running: ChildProcess[] = [];
    afterAll(async () => {
      for (const child of running) child.kill('SIGKILL');
      await dropTestData(backend, prefix);
    });

    it('loses no answer and grades none twice when the answer is delivered again', async () => {
      const team = `T-${backend.name}`;
      const user = 'U-crash';
      const channel = `C-${backend.name}`;
      const first = await startBot(env, team);
      running.push(first.child);
      await first.requests.command('/coach', 'start medical-coding technical junior 2', {
        user,
        channel,
        responseUrl: slack.responseUrl(),
      });
      const question = await slack.waitFor(
        (call) =>
          call.method === 'chat.postMessage' && call.body.channel === channel && /^Q1\/2/.test(textOf(call)),
      );
      const thread = String(question.result.ts);

      // The first grade never comes back: the process is killed while it waits for the LLM.
      const llmCallsBefore = llm.requests.length;
      llm.enqueue({ delayMs: 30_000, content: modelGrade });
      const answer = {
        user,
        channel,
        thread,
        text: 'I would assign R07.9 because only chest pain is documented, and send a non-leading query.',
        ts: `1800000001.${backend.name.length}00000`,
        eventId: `Ev-crash-${prefix}`,
      };
      expect((await first.requests.reply(answer)).status).toBe(200);
      await waitUntil(() => llm.requests.length > llmCallsBefore);
      first.child.kill('SIGKILL');
      await first.exited;

      // Slack delivers the event again, to another process.
      const second = await startBot(env, team);
      running.push(second.child);
      expect((await second.requests.reply({ ...answer, retryNum: 1 })).status).toBe(200);
      const finals = () =>
        slack
          .callsTo('chat.update')
          .filter((call) => call.body.channel === channel && /^Score \d\/5/.test(textOf(call)));
      await slack.until(() => finals().length >= 1, 15_000);
      // The session goes on: the grade's follow-up is asked, and Next finishes the question.
      const posted = (pattern: RegExp) =>
        slack.waitFor(
          (call) =>
            call.method === 'chat.postMessage' && call.body.channel === channel && pattern.test(textOf(call)),
          15_000,
        );
      const followUp = await posted(/Follow-up/);
      const message = { ts: String(followUp.result.ts), thread_ts: thread };
      await second.requests.action('starcoach:next', {
        user,
        channel,
        responseUrl: slack.responseUrl(),
        message,
      });
      await posted(/^Q2\/2/);
      // Once more: graded already, so nothing happens.
      expect((await second.requests.reply({ ...answer, retryNum: 2 })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      second.child.kill('SIGTERM');
      await second.exited;

      expect(finals()).toHaveLength(1);
      expect(textOf(finals()[0]!)).toContain('Picking up the answer you sent before the interruption.');
      const store = await CoachStore.open({
        url: backend.url!,
        cwd: process.cwd(),
        clock: new ManualClock(),
        prefix,
      });
      try {
        const actor = { platform: 'slack', tenant: team, user };
        expect((await store.getHistory(actor)).attempts).toHaveLength(1);
        const session = await store.getSession(actor, channel);
        expect(session?.results).toHaveLength(1);
        expect(session?.index).toBe(1);
        expect(session?.turn?.pending).toBeNull();
      } finally {
        await store.close();
      }
    }, 90_000);
  });

  if (backend.url === null) {
    describe(`a bot killed while grading, on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}

async function waitUntil(condition: () => boolean, timeoutMs = 20_000) {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
