import { readFileSync } from 'node:fs';
import { analyseText } from './src/feedback/text-analysis.ts';
import { classifySentence } from './src/feedback/guards.ts';
let n = 0, stuffed = 0;
for (const f of ['content/medical-coding.json', 'content/behavioral-core.json', 'test/fixtures/grader/test-pack.json']) {
  const pack = JSON.parse(readFileSync(f, 'utf8'));
  for (const q of pack.questions) for (const text of [q.sampleAnswer, ...(q.hints ?? [])]) {
    const a = analyseText(text);
    for (const s of a.sentences) { n++; if (classifySentence(a.tokens, s) === 'stuffed') { stuffed++; console.log(q.id, JSON.stringify(text.slice(s.start, s.end)).slice(0, 160)); } }
  }
}
console.log({ n, stuffed });
