import { readFileSync } from 'node:fs';
import { analyseText } from './src/feedback/text-analysis.ts';
const GLUE = new Set(['ADP', 'DET', 'PRON', 'AUX', 'CCONJ', 'SCONJ', 'PART']);
const BREAK = new Set([',', ';', ':', '—', '–', '(', ')']);
const rows: Array<[number, string]> = [];
function clauses(text: string) {
  const a = analyseText(text);
  const t = a.tokens;
  for (const s of a.sentences) {
    let start = s.from;
    for (let i = s.from; i <= s.to; i++) {
      if (i === s.to || BREAK.has(t.value[i]!)) {
        let words = 0, glue = 0;
        for (let k = start; k < i; k++) if (t.isWord[k]) { words++; if (GLUE.has(t.pos[k]!) || t.stop[k] || (t.pos[k] === 'VERB' && t.lower[k] !== t.lemma[k])) glue++; }
        if (words >= 5) rows.push([glue / words + words / 1000, text.slice(t.start[start]!, t.end[i - 1]!)]);
        start = i + 1;
      }
    }
  }
}
for (const f of ['content/medical-coding.json', 'content/behavioral-core.json', 'test/fixtures/grader/test-pack.json']) {
  const pack = JSON.parse(readFileSync(f, 'utf8'));
  for (const q of pack.questions) clauses(q.sampleAnswer);
}
const cases = JSON.parse(readFileSync('test/fixtures/grader/answers.json', 'utf8')).cases;
for (const c of cases) clauses(c.answer);
rows.sort((a, b) => a[0] - b[0]);
for (const r of rows.slice(0, 25)) console.log(r[0].toFixed(2), r[1].slice(0, 110));
