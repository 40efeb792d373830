import { html, type SafeHtml } from '../html.ts';
import { chartFrame, one, round } from './frame.ts';

const width = 640;
const rowHeight = 28;
const labelWidth = 200;
const pad = { right: 48, top: 8, bottom: 8 };

export interface CompetencyScore {
  competency: string;
  average: number;
  answers: number;
}

/** One member's average score per competency, one horizontal bar each on the 0–5 scale. */
export function competencyBarsChart(id: string, scores: readonly CompetencyScore[]): SafeHtml {
  const height = pad.top + pad.bottom + rowHeight * Math.max(1, scores.length);
  const plotWidth = width - labelWidth - pad.right;
  const bars = scores.map((score, index) => {
    const top = pad.top + index * rowHeight;
    const barWidth = round((Math.max(0, Math.min(5, score.average)) / 5) * plotWidth);
    return html`<text class="legend" x="${labelWidth - 8}" y="${top + 18}" text-anchor="end">${score.competency}</text><rect class="bar" x="${labelWidth}" y="${top + 5}" width="${barWidth}" height="${rowHeight - 10}" fill="#0072B2"/><text class="tick" x="${labelWidth + barWidth + 6}" y="${top + 18}">${one(score.average)}</text>`;
  });
  const weakest = [...scores].sort((a, b) => a.average - b.average)[0];
  return chartFrame({
    id,
    title: 'Average score per competency',
    description: weakest
      ? `Average score out of 5 for ${scores.length} competencies; the lowest is ${weakest.competency} at ${one(weakest.average)}.`
      : 'No graded answers in this period.',
    width,
    height,
    body: html`${bars}`,
  });
}
