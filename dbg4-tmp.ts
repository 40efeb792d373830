import { analyseText } from './src/feedback/text-analysis.ts';
import { classifySentence } from './src/feedback/guards.ts';
const text = "I would code R07.9 because that is what the note says, non-leading query open-ended query no assumptions more specific code physician query. If something seems to be missing, I would ask the physician before I finalize the chart.";
const a = analyseText(text); const t = a.tokens;
for (const s of a.sentences) {
  console.log(classifySentence(t, s), Array.from({ length: s.to - s.from }, (_, k) => s.from + k).map(i => `${t.value[i]}/${t.pos[i]}${t.stop[i] ? '/S' : ''}`).join(' '));
}
