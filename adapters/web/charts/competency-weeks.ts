import type { CompetencyWeek } from '../../../src/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { chartFrame, one, round, scoreTicks, seriesStyle, yGrid } from './frame.ts';

const width = 640;
const pad = { left: 40, right: 16, top: 12, bottom: 34 };
const plotHeight = 170;
const legendRow = 20;

/** The weekly average score (1–5) per competency: one line each, with a legend under the plot. */
export function competencyWeeksChart(id: string, rows: readonly CompetencyWeek[]): SafeHtml {
  const weeks = [...new Set(rows.map((row) => row.week))].sort();
  const competencies = [...new Set(rows.map((row) => row.competency))].sort();
  const height = pad.top + plotHeight + pad.bottom + legendRow * Math.ceil(competencies.length / 2);
  const plotWidth = width - pad.left - pad.right;
  const x = (index: number) =>
    round(pad.left + (weeks.length <= 1 ? plotWidth / 2 : (index / (weeks.length - 1)) * plotWidth));
  const y = (score: number) => round(pad.top + plotHeight - ((score - 1) / 4) * plotHeight);
  const lines = competencies.map((competency, index) => {
    const style = seriesStyle(index);
    const points = rows
      .filter((row) => row.competency === competency)
      .map((row) => ({ x: x(weeks.indexOf(row.week)), y: y(row.average), row }))
      .sort((a, b) => a.x - b.x);
    const path = points.map((point) => `${point.x},${point.y}`).join(' ');
    return html`<polyline class="line" points="${path}" fill="none" stroke="${style.colour}" stroke-width="2.5" stroke-dasharray="${style.dash}"/>${points.map(
      (point) =>
        html`<circle cx="${point.x}" cy="${point.y}" r="3.5" fill="${style.colour}"><title>${competency}, ${point.row.week}: ${one(point.row.average)} (${point.row.answers} answers)</title></circle>`,
    )}`;
  });
  const weekLabels = weeks.map(
    (week, index) =>
      html`<text class="tick" x="${x(index)}" y="${pad.top + plotHeight + 18}" text-anchor="middle">${week.slice(5)}</text>`,
  );
  const legendTop = pad.top + plotHeight + pad.bottom;
  const legend = competencies.map((competency, index) => {
    const style = seriesStyle(index);
    const lx = pad.left + (index % 2) * (plotWidth / 2);
    const ly = legendTop + Math.floor(index / 2) * legendRow;
    return html`<line x1="${lx}" x2="${lx + 24}" y1="${ly + 6}" y2="${ly + 6}" stroke="${style.colour}" stroke-width="2.5" stroke-dasharray="${style.dash}"/><text class="legend" x="${lx + 30}" y="${ly + 10}">${competency}</text>`;
  });
  return chartFrame({
    id,
    title: 'Weekly average score per competency',
    description:
      competencies.length === 0
        ? 'No graded answers in this period.'
        : `Average score from 1 to 5 for ${competencies.length} competencies over ${weeks.length} weeks, from ${weeks[0]} to ${weeks.at(-1)}.`,
    width,
    height,
    body: html`${yGrid(scoreTicks, y, pad.left, width - pad.right)}${weekLabels}${lines}${legend}`,
  });
}
