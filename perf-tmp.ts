import { readFileSync } from 'node:fs';
import { gradeAnswer } from './src/feedback/index.ts';
import { questionPackSchema } from './src/content/pack-schema.ts';
const file = process.argv[2] ?? 'test/fixtures/grader/test-pack.json';
const pack = questionPackSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const inputs = pack.questions.map((q) => ({ question: q, answer: q.sampleAnswer }));
console.log('words per answer:', inputs.map((i) => i.answer.split(/\s+/).length).join(','));
for (let i = 0; i < 500; i++) gradeAnswer(inputs[i % inputs.length]!);
const times: number[] = [];
for (let i = 0; i < 2000; i++) {
  const input = inputs[i % inputs.length]!;
  const t0 = performance.now();
  gradeAnswer(input);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(3);
console.log(`runs=${times.length} p50=${p(0.5)}ms p90=${p(0.9)}ms p99=${p(0.99)}ms max=${times[times.length - 1]!.toFixed(3)}ms`);
