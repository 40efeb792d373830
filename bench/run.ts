// `npm run bench`: one `name: value unit` line per figure. Timings live here, never in tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadPacks } from '../src/content/load-pack.ts';
import type { QuestionPack } from '../src/content/pack-schema.ts';
import type { Actor } from '../src/core/ports.ts';
import { gradeAnswer } from '../src/feedback/grade-answer.ts';
import {
  benchAnswer,
  benchEvent,
  benchRedisUrl,
  dropRedisPrefix,
  openBenchCoach,
  percentile,
  print,
  quietOutbox,
} from './bench-support.ts';
import { benchDashboard } from './dashboard.ts';
import { benchDiscord } from './discord.ts';
import { benchDrill } from './drill.ts';
import { benchLlm } from './llm.ts';
import { benchMetrics } from './metrics.ts';
import { benchPair } from './pair.ts';
import { benchReminders } from './reminders.ts';
import { benchRoster } from './roster.ts';
import { benchSlack } from './slack.ts';
import { benchVoice } from './voice.ts';

const packs = loadPacks();
const pack = packs.get('medical-coding') as QuestionPack;

/** Answers of mixed quality per question: the sample answer, its first half, and a one-liner. */
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
  for (let i = 0; i < 1000; i += 1) gradeAnswer(cases[i % cases.length]!);
  const samples: number[] = [];
  for (let i = 0; i < 3000; i += 1) {
    const started = performance.now();
    gradeAnswer(cases[i % cases.length]!);
    samples.push(performance.now() - started);
  }
  print('grade.p50_ms', percentile(samples, 50), 'ms');
  print('grade.p99_ms', percentile(samples, 99), 'ms');
}

/** One user's answers one after another: SQLite in a fresh file, or the store at `url` (`label` names it). */
async function benchTurns(url?: string, label?: string, prefix?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-turns-'));
  const { store, coach } = await openBenchCoach(
    url ?? `sqlite://${join(dir, 'turns.sqlite')}`,
    packs,
    prefix,
  );
  const actor: Actor = { platform: 'bench', tenant: 'local', user: 'solo' };
  const samples: number[] = [];
  for (let session = 0; session < 12; session += 1) {
    const options = { packId: pack.id, count: 25, followUps: 0, mode: 'new' as const };
    await coach.handle(benchEvent(actor, { type: 'session-start', options }), quietOutbox);
    for (let turn = 0; turn < 25; turn += 1) {
      const started = performance.now();
      await coach.handle(benchEvent(actor, { type: 'answer-submit', text: benchAnswer }), quietOutbox);
      samples.push(performance.now() - started);
    }
  }
  // The first two sessions warm up the JIT and SQLite's cache.
  print(label ? `turn.p99_ms.${label}` : 'turn.p99_ms', percentile(samples.slice(50), 99), 'ms');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

function benchThroughputInChild(...args: string[]) {
  const self = fileURLToPath(import.meta.url);
  const script = self.replace(/run\.(ts|js)$/, 'throughput.$1');
  const loader = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  // The same V8 setting `npm start` runs with: a small young generation keeps a chat bot's many
  // short-lived objects from growing the heap it keeps.
  const flags = ['--expose-gc', '--max-semi-space-size=4', ...loader];
  const child = spawnSync(process.execPath, [...flags, script, ...args], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`throughput bench failed with exit code ${child.status}`);
}

/** The same two figures on Redis, the store for several instances, when REDIS_URL is set. */
async function benchRedis() {
  const url = benchRedisUrl();
  if (!url) {
    console.error('(REDIS_URL unset: turn.p99_ms.redis and turns_per_s.redis left out)');
    return;
  }
  const prefix = `bench_${process.pid}`;
  try {
    await benchTurns(url, 'redis', prefix);
    benchThroughputInChild(url, 'redis', prefix);
  } finally {
    await dropRedisPrefix(url, prefix);
  }
}

benchGrader();
await benchTurns();
benchThroughputInChild();
await benchRedis();
await benchLlm(print);
await benchDrill(print);
await benchReminders(print);
await benchRoster(print);
await benchDashboard(print);
await benchSlack(print);
await benchDiscord(print);
await benchVoice(print);
await benchPair(print);
await benchMetrics(print);
