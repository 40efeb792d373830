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
import { benchAnswer, benchEvent, openSqliteCoach, percentile, print, quietOutbox } from './bench-support.ts';
import { benchDiscord } from './discord.ts';
import { benchDrill } from './drill.ts';
import { benchLlm } from './llm.ts';
import { benchSlack } from './slack.ts';

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

async function benchTurns() {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-turns-'));
  const { store, coach } = await openSqliteCoach(join(dir, 'turns.sqlite'), packs);
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
  print('turn.p99_ms', percentile(samples.slice(50), 99), 'ms');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

function benchThroughputInChild() {
  const self = fileURLToPath(import.meta.url);
  const script = self.replace(/run\.(ts|js)$/, 'throughput.$1');
  const loader = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  // The same V8 setting `npm start` runs with: a small young generation keeps a chat bot's many
  // short-lived objects from growing the heap it keeps.
  const flags = ['--expose-gc', '--max-semi-space-size=4', ...loader];
  const child = spawnSync(process.execPath, [...flags, script], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`throughput bench failed with exit code ${child.status}`);
}

benchGrader();
await benchTurns();
benchThroughputInChild();
await benchLlm(print);
await benchDrill(print);
await benchSlack(print);
await benchDiscord(print);
