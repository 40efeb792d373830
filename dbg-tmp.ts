import { readFileSync } from 'node:fs';
import { gradeAnswer } from './src/feedback/index.ts';
import { questionPackSchema } from './src/content/pack-schema.ts';
for (const f of ['content/medical-coding.json', 'content/behavioral-core.json']) {
  const pack = questionPackSchema.parse(JSON.parse(readFileSync(f, 'utf8')));
  const dist: Record<string, number> = {};
  for (const q of pack.questions) {
    const r = gradeAnswer({ question: q, answer: q.sampleAnswer });
    // partial: first half of sentences
    const sents = q.sampleAnswer.match(/[^.!?]+[.!?]+/g) ?? [q.sampleAnswer];
    const half = sents.slice(0, Math.ceil(sents.length / 2)).join('');
    const p = gradeAnswer({ question: q, answer: half });
    const key = `${r.score}/${p.score}`;
    dist[key] = (dist[key] ?? 0) + 1;
    console.log(q.id.padEnd(40), q.kind.padEnd(12), 'sample', r.score, r.star ? Object.values(r.star).map(s=>s[0]).join('') : '----', `${r.coveredPoints.length}/${q.keyPoints.length}`, r.followUp ? 'FU' : '  ', '| half', p.score, p.star ? Object.values(p.star).map(s=>s[0]).join('') : '----', `${p.coveredPoints.length}/${q.keyPoints.length}`, p.redFlags.join('|'));
  }
  console.log(f, dist);
}
