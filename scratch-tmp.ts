import { readFileSync } from 'node:fs';
import { gradeAnswer } from './src/feedback/index.ts';
import { questionPackSchema } from './src/content/pack-schema.ts';
const pack = questionPackSchema.parse(JSON.parse(readFileSync('test/fixtures/grader/test-pack.json', 'utf8')));
const cases = JSON.parse(readFileSync('test/fixtures/grader/answers.json', 'utf8')).cases;
for (const c of cases) {
  const q = pack.questions.find((x) => x.id === c.question)!;
  const r = gradeAnswer({ question: q, answer: c.answer });
  console.log(`## ${c.id} [${c.label}] score=${r.score} star=${r.star ? Object.values(r.star).map(s=>s[0]).join('') : '-'} flags=${r.redFlags.join('|')} reasons=${r.reasons.join(',')} covered=${r.coveredPoints.length}/${q.keyPoints.length}`);
  console.log('   FU:', r.followUp);
  console.log('   FB:', r.feedback);
}
