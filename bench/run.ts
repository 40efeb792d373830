// `npm run bench`: one `name: value unit` line per figure. Timings here, never in tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import type { QuestionPack } from '../src/content/pack-schema.ts';
import { createCoach } from '../src/core/coach.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor, Outbox } from '../src/core/ports.ts';
import { systemClock } from '../src/core/ports.ts';
import { gradeAnswer } from '../src/feedback/grade-answer.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { CoachStore } from '../src/store/coach-store.ts';

const packs = loadPacks();
const pack = packs.get('medical-coding') as QuestionPack;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function print(name: string, value: number, unit: string) {
  console.log(`${name}: ${Number(value.toFixed(3))} ${unit}`);
}

/** Answers of mixed quality per question: the sample answer, a partial one and a one-liner. */
function answersFor(questionPack: QuestionPack) {
  return questionPack.questions.flatMap((question) => {
    const sentences = question.sampleAnswer.split(/(?<=[.!?])\s+/);
    return [
      { question, answer: question.sampleAnswer },
      { question, answer: sentences.slice(0, Math.ceil(sentences.length / 2)).join(' ') },
      { question, answer: 'I would look at the documentation and do what the guidelines say.' },
    ];
  });
}

function benchGrader() {
  const cases = answersFor(pack);
  for (let i = 0; i < 500; i += 1) gradeAnswer(cases[i % cases.length]!);
  const samples: number[] = [];
  for (let i = 0; i < 3000; i += 1) {
    const started = performance.now();
    gradeAnswer(cases[i % cases.length]!);
    samples.push(performance.now() - started);
  }
  print('grade.p50_ms', percentile(samples, 50), 'ms');
  print('grade.p99_ms', percentile(samples, 99), 'ms');
}

const quietOutbox: Outbox = {
  send: async () => ({ id: 'x' }),
  update: async () => {},
};

async function openCoach(dir: string) {
  const store = await CoachStore.open({
    url: `sqlite://${join(dir, 'bench.sqlite')}`,
    cwd: dir,
    clock: systemClock,
  });
  const coach = createCoach({
    store,
    packs,
    feedback: createOfflineFeedbackModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  return { store, coach };
}

let delivery = 0;
const event = (actor: Actor, body: object) =>
  ({ deliveryId: `b${++delivery}`, actor, place: { channel: 'bench' }, ...body }) as never;
const goodAnswer =
  'I would code only what is documented and send a non-leading query to the physician when the record suggests more.';

async function benchTurns(dir: string) {
  const { store, coach } = await openCoach(dir);
  const actor: Actor = { platform: 'bench', tenant: 'local', user: 'solo' };
  const samples: number[] = [];
  for (let session = 0; session < 10; session += 1) {
    await coach.handle(
      event(actor, {
        type: 'session-start',
        options: { packId: pack.id, count: 25, followUps: 0, mode: 'new' },
      }),
      quietOutbox,
    );
    for (let turn = 0; turn < 25; turn += 1) {
      const started = performance.now();
      await coach.handle(event(actor, { type: 'answer-submit', text: goodAnswer }), quietOutbox);
      samples.push(performance.now() - started);
    }
  }
  print('turn.p99_ms', percentile(samples.slice(25), 99), 'ms');
  await store.close();
}

async function benchThroughput(dir: string) {
  const { store, coach } = await openCoach(dir);
  const users = Array.from(
    { length: 1000 },
    (_, index): Actor => ({ platform: 'bench', tenant: 'load', user: `u${index}` }),
  );
  await Promise.all(
    users.map((actor) =>
      coach.handle(
        event(actor, { type: 'session-start', options: { packId: pack.id, count: 5, followUps: 0 } }),
        quietOutbox,
      ),
    ),
  );
  const rounds = 3;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(
      users.map((actor) =>
        coach.handle(event(actor, { type: 'answer-submit', text: goodAnswer }), quietOutbox),
      ),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  print('turns_per_s', (users.length * rounds) / seconds, 'turns/s');
  print('rss_mb', process.memoryUsage().rss / 1024 / 1024, 'MB');
  await store.close();
}

const dir = mkdtempSync(join(tmpdir(), 'starcoach-bench-'));
try {
  benchGrader();
  await benchTurns(mkdtempSync(join(dir, 'turns-')));
  await benchThroughput(mkdtempSync(join(dir, 'load-')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
