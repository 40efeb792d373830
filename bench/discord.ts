/**
 * Discord adapter figures: the real discord.js Client against the local fake Discord, with a feedback
 * model that takes 2 s per answer (a slow LLM).
 * - discord.defer_p99_ms: 200 `/practice` interactions put on the gateway at once, while 50 answers
 *   from an earlier cohort are being graded; per interaction, the time from the fake sending it to the
 *   fake receiving its first callback (the ephemeral "Opening your session…" reply). Target < 100 ms
 *   (Discord allows 3 s).
 * - discord.modal_ack_p99_ms: the same for those 50 answers' modal submits (deferUpdate), for information.
 * The fake runs in a worker thread (its own event loop, on another core where there is one), so the
 * figures are the bot's: gateway, discord.js, the adapter, the REST client and the local network.
 *
 * `node --import tsx -e "import('./bench/discord.ts').then(m => m.benchDiscord((n,v,u)=>console.log(n+': '+v+' '+u)))"`
 */
import { fileURLToPath } from 'node:url';
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import { createDiscordAdapter } from '../adapters/discord/index.ts';
import { loadPacks } from '../src/content/load-pack.ts';
import { systemClock } from '../src/core/clock.ts';
import { createCoach } from '../src/core/coach.ts';
import type { FeedbackModel } from '../src/core/feedback-model.ts';
import { silentLogger } from '../src/core/logger.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import { FakeDiscord, type FakeUser } from '../test/fakes/discord-server.ts';

const COHORT = 200;
const WARM_UP = 50;
const GRADE_MS = 2000;
const fakeRole = 'starcoach-fake-discord';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A slow LLM: 2 s per answer, the feedback streamed in two pieces, and no CPU of its own (a remote model
 * waits; it does not compute here).
 */
function slowModel(): FeedbackModel {
  const feedback =
    'You coded only what is documented and named the query. Say why a leading query is a risk.';
  return {
    async grade(request, listener) {
      await new Promise((resolve) => setTimeout(resolve, GRADE_MS / 2));
      listener?.onFeedbackText?.(feedback.slice(0, feedback.length / 2));
      await new Promise((resolve) => setTimeout(resolve, GRADE_MS / 2));
      const result = {
        score: 4,
        star: null,
        evidence: [],
        coveredPoints: request.question.keyPoints.slice(0, 1).map((point) => point.label),
        missingPoints: request.question.keyPoints.slice(1).map((point) => point.label),
        redFlags: [],
        followUp: null,
        feedback,
        reasons: [],
      };
      return { result, source: 'llm', usage: { promptTokens: 900, completionTokens: 200 }, fallback: null };
    },
  };
}

// ---- The fake Discord, in a worker thread: Discord's own work must not eat the bot's CPU. ----

type FakeRequest =
  | { op: 'burst'; command: 'practice' | 'help'; count: number; prefix: string }
  | { op: 'answer'; count: number }
  | { op: 'close' };

async function serveFake(port: MessagePort) {
  const fake = await FakeDiscord.start();
  const users = new Map<string, FakeUser>();
  const acked = async (ids: string[]) => {
    await fake.waitFor(() => ids.every((id) => fake.callbackAt.has(id)), 'acks', 60_000);
    return ids.map((id) => fake.callbackAt.get(id)! - fake.sentAt.get(id)!);
  };
  const handle = async (request: FakeRequest): Promise<unknown> => {
    if (request.op === 'close') return fake.close();
    if (request.op === 'answer') return acked(await answerAll(fake, users, request.count));
    const ids = Array.from({ length: request.count }, (_, n) => {
      const user = fake.user(`${request.prefix}-${n}`);
      users.set(user.username, user);
      const options: Record<string, string | number> =
        request.command === 'practice' ? { pack: 'medical-coding', count: 1 } : {};
      return fake.command(request.command, options, { user }).id;
    });
    return acked(ids);
  };
  port.on('message', ({ id, request }: { id: number; request: FakeRequest }) => {
    void handle(request).then((result) => port.postMessage({ id, result }));
  });
  port.postMessage({ id: 0, result: fake.apiUrl });
}

/** Answers every question once all `count` are posted; thread names start with their user's name. */
async function answerAll(fake: FakeDiscord, users: Map<string, FakeUser>, count: number) {
  type Posted = { id: string; channel_id: string; components: { components: { custom_id: string }[] }[] };
  // The Answer button's id carries the question (`starcoach:answer:<id>`), and so does its modal.
  const answerButton = (message: Posted) =>
    message.components
      .flatMap((row) => row.components)
      .find((button) => button.custom_id.startsWith('starcoach:answer'))?.custom_id;
  const questions: Posted[] = await fake.waitFor(
    () => {
      const found = [...fake.messages.values()].filter((message) => answerButton(message));
      return found.length >= count ? found : undefined;
    },
    'the questions',
    60_000,
  );
  const answer = 'I code only what is documented and send a non-leading query to the physician.';
  return questions.map((question) => {
    const user = users.get(fake.channels.get(question.channel_id).name.split(' · ')[0])!;
    const modal = answerButton(question)!.replace('starcoach:answer', 'starcoach:answer-modal');
    return fake.submitModal(modal, { answer }, question.id, { user }).id;
  });
}

if (!isMainThread && workerData === fakeRole) void serveFake(parentPort as unknown as MessagePort);

async function startFakeWorker() {
  const self = fileURLToPath(import.meta.url);
  // From the TypeScript sources the worker registers tsx itself (`--import` does not reach workers on Node 20).
  const worker = self.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`,
        { eval: true, workerData: fakeRole },
      )
    : new Worker(self, { workerData: fakeRole });
  const waiting = new Map<number, (result: unknown) => void>();
  worker.on('message', ({ id, result }: { id: number; result: unknown }) => waiting.get(id)?.(result));
  let next = 0;
  const call = (id: number, request?: FakeRequest) =>
    new Promise<unknown>((resolve, reject) => {
      waiting.set(id, resolve);
      worker.once('error', reject);
      if (request) worker.postMessage({ id, request });
    });
  const apiUrl = (await call(0)) as string;
  return {
    apiUrl,
    request: (request: FakeRequest) => call(++next, request) as Promise<number[]>,
    async close() {
      await call(++next, { op: 'close' });
      await worker.terminate();
    },
  };
}

export async function benchDiscord(
  print: (name: string, value: number, unit: string) => void,
): Promise<void> {
  const fake = await startFakeWorker();
  const store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock: systemClock,
    prefix: 'bench',
  });
  const packs = loadPacks();
  const coach = createCoach({
    store,
    packs,
    feedback: slowModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  const adapter = createDiscordAdapter({
    coach,
    logger: silentLogger,
    token: 'bench-token',
    messageContent: false,
    apiUrl: fake.apiUrl,
    restRetries: 0,
    restTimeoutMs: 30_000,
    // The measured cohort's threads wait on Discord's 50 requests/s: no need to see them all open.
    stopGraceMs: 3000,
  });
  try {
    await adapter.start();
    // A first cohort starts sessions, then answers all at once: 2 s of grading each.
    await fake.request({ op: 'burst', command: 'practice', count: WARM_UP, prefix: 'first' });
    const modal = await fake.request({ op: 'answer', count: WARM_UP });
    // A burst of /help warms the ack path (code, keep-alive connections) without sessions.
    await fake.request({ op: 'burst', command: 'help', count: COHORT, prefix: 'helper' });
    // While the answers are being graded, 200 people type /practice at once.
    const practice = await fake.request({
      op: 'burst',
      command: 'practice',
      count: COHORT,
      prefix: 'second',
    });
    print('discord.defer_p99_ms', Number(percentile(practice, 99).toFixed(3)), 'ms');
    print('discord.modal_ack_p99_ms', Number(percentile(modal, 99).toFixed(3)), 'ms');
  } finally {
    await adapter.stop();
    await fake.close();
    await store.close();
  }
}
