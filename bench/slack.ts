/**
 * Slack ack latency under load, against the local fake Slack (HTTP mode, acks before grading):
 * - slack.ack_p99_ms: p99 time from sending a signed thread-reply event to its HTTP response, for 200
 *   replies sent at once while a 2 s feedback model grades every one of them. Target < 100 ms: Slack
 *   re-sends an event it has not seen acked within 3 s.
 * - slack.ack_p50_ms: for information.
 * "Slack" (the fake Web API and the sender) runs in a child process, as the real one runs elsewhere: in
 * this process it would spend the app's event loop on its own work.
 *
 * `node --import tsx -e "import('./bench/slack.ts').then(m => m.benchSlack((n,v,u)=>console.log(n+': '+v+' '+u)))"`
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { loadPacks } from '../src/content/load-pack.ts';
import { systemClock } from '../src/core/clock.ts';
import { createCoach } from '../src/core/coach.ts';
import type { FeedbackModel } from '../src/core/feedback-model.ts';
import { silentLogger } from '../src/core/logger.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import { FakeSlackServer, type SlackCall, SlackRequests } from '../test/fakes/slack-server.ts';
import { percentile } from './bench-support.ts';

const sessions = 200;
const gradeMs = 2000;
const secret = 'bench-signing-secret';
const slackFlag = '--slack-bench-slack';

type ToSlack = { type: 'run'; eventsUrl: string } | { type: 'close' };
type FromSlack = { type: 'ready'; apiUrl: string } | { type: 'samples'; samples: number[]; graded: number };

if (process.argv.includes(slackFlag)) void runSlack();

/** A stand-in for an LLM: the offline grade, after 2 s of streaming a little text. */
function slowModel(): FeedbackModel {
  const offline = createOfflineFeedbackModel();
  return {
    async grade(request, listener) {
      const outcome = await offline.grade(request);
      const text = outcome.result.feedback;
      for (const part of [1, 2, 3, 4]) {
        await new Promise((resolve) => setTimeout(resolve, gradeMs / 4));
        listener?.onFeedbackText?.(text.slice(0, (text.length * part) / 5));
      }
      return outcome;
    },
  };
}

// ---------------------------------------------------------------- the child: Slack

async function runSlack() {
  const fake = await FakeSlackServer.start();
  const send = (message: FromSlack) => process.send?.(message);
  process.on('message', async (message: ToSlack) => {
    if (message.type === 'run') return send(await measure(fake, message.eventsUrl));
    await fake.close();
    process.exit(0);
  });
  send({ type: 'ready', apiUrl: fake.apiUrl });
}

async function measure(fake: FakeSlackServer, eventsUrl: string): Promise<FromSlack> {
  const requests = new SlackRequests(eventsUrl, secret);
  const threads = await openSessions(fake, requests);
  await warmConnections(requests);
  const samples = await Promise.all(threads.map((thread, n) => timedReply(requests, n, thread)));
  requests.close();
  const graded = () => fake.callsTo('chat.update').filter(isFinalGrade).length;
  // The parent checks the count: a bench whose answers were not all graded measured nothing real.
  await fake
    .until(() => graded() >= sessions, 60_000)
    .then(
      () => true,
      () => false,
    );
  return { type: 'samples', samples, graded: graded() };
}

async function openSessions(fake: FakeSlackServer, requests: SlackRequests): Promise<string[]> {
  for (let first = 0; first < sessions; first += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, offset) =>
        requests.command('/coach', 'start medical-coding technical', {
          user: `UB${first + offset}`,
          channel: `CB${first + offset}`,
          responseUrl: fake.responseUrl(),
        }),
      ),
    );
  }
  const roots = () => fake.callsTo('chat.postMessage').filter((call) => !call.body.thread_ts);
  await fake.until(() => roots().length >= sessions, 30_000);
  const threads = new Map(roots().map((call) => [String(call.body.channel), String(call.result.ts)]));
  return Array.from({ length: sessions }, (_, n) => threads.get(`CB${n}`)!);
}

/** Slack keeps connections open; so does the sender, or the burst would time 200 TCP handshakes. */
async function warmConnections(requests: SlackRequests) {
  const challenge = JSON.stringify({ type: 'url_verification', challenge: 'warm' });
  await Promise.all(Array.from({ length: sessions }, () => requests.post(challenge, 'application/json')));
}

async function timedReply(requests: SlackRequests, n: number, thread: string): Promise<number> {
  const started = performance.now();
  const response = await requests.reply({
    user: `UB${n}`,
    channel: `CB${n}`,
    thread,
    text: 'I would code only what is documented and send a non-leading query to the physician.',
  });
  if (response.status !== 200) throw new Error(`ack ${n} failed with HTTP ${response.status}`);
  return performance.now() - started;
}

function isFinalGrade(call: SlackCall): boolean {
  const [first] = (call.body.blocks ?? []) as { text?: { text?: string } }[];
  return first?.text?.text?.startsWith('Score') ?? false;
}

// ---------------------------------------------------------------- the parent: the app

function startSlack(): ChildProcess {
  const self = fileURLToPath(import.meta.url);
  const loader = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return fork(self, [slackFlag], { execArgv: loader });
}

function next<T extends FromSlack['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromSlack, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the bench's Slack exited with code ${code}`));
    child.once('exit', onExit);
    child.on('message', function listen(message: FromSlack) {
      if (message.type !== type) return;
      child.off('message', listen);
      child.off('exit', onExit);
      resolve(message as Extract<FromSlack, { type: T }>);
    });
  });
}

async function openApp(apiUrl: string, dir: string) {
  const store = await CoachStore.open({
    url: `sqlite://${join(dir, 'slack.sqlite')}`,
    cwd: dir,
    clock: systemClock,
  });
  const coach = createCoach({
    store,
    packs: loadPacks(),
    feedback: slowModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  const adapter = createSlackAdapter({
    coach,
    logger: silentLogger,
    botToken: 'xoxb-bench',
    signingSecret: secret,
    apiUrl,
    port: 0,
    host: '127.0.0.1',
    instructors: [],
    clientRetries: 0,
    botUserId: 'UBOT',
  });
  return { store, adapter };
}

export async function benchSlack(print: (name: string, value: number, unit: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-slack-bench-'));
  const slack = startSlack();
  const { apiUrl } = await next(slack, 'ready');
  const { store, adapter } = await openApp(apiUrl, dir);
  try {
    const { port } = await adapter.start();
    slack.send({ type: 'run', eventsUrl: `http://127.0.0.1:${port}/slack/events` } satisfies ToSlack);
    const { samples, graded } = await next(slack, 'samples');
    if (graded < sessions) throw new Error(`slack bench: only ${graded} of ${sessions} answers were graded`);
    print('slack.ack_p50_ms', percentile(samples, 50), 'ms');
    print('slack.ack_p99_ms', percentile(samples, 99), 'ms');
  } finally {
    // stop() waits for work still running, so nothing writes to a closed store.
    await adapter.stop();
    const exited = new Promise((resolve) => slack.once('exit', resolve));
    slack.send({ type: 'close' } satisfies ToSlack);
    await exited;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
