import type { MemberAttempt } from '../../../src/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { chartFrame, round, scoreTicks, yGrid } from './frame.ts';

const width = 640;
const height = 220;
const pad = { left: 40, right: 16, top: 12, bottom: 34 };
const dayMs = 86_400_000;

/** Every graded attempt in the period as a dot at its time and score, joined in order. */
export function attemptsChart(
  id: string,
  attempts: readonly MemberAttempt[],
  since: number,
  until: number,
): SafeHtml {
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const span = Math.max(1, until - since);
  const x = (at: number) => round(pad.left + ((at - since) / span) * plotWidth);
  const y = (score: number) => round(pad.top + plotHeight - ((score - 1) / 4) * plotHeight);
  const points = attempts.map((attempt) => ({ x: x(attempt.at), y: y(attempt.score), attempt }));
  const dateTicks = [0, 0.25, 0.5, 0.75, 1].map((share) => since + share * span);
  const labels = dateTicks.map(
    (at) =>
      html`<text class="tick" x="${x(at)}" y="${height - pad.bottom + 18}" text-anchor="middle">${isoDay(at).slice(5)}</text>`,
  );
  const line =
    points.length > 1
      ? html`<polyline class="line" points="${points.map((point) => `${point.x},${point.y}`).join(' ')}" fill="none" stroke="#0072B2" stroke-width="1.5"/>`
      : null;
  const dots = points.map(
    (point) =>
      html`<circle cx="${point.x}" cy="${point.y}" r="4" fill="#D55E00"><title>${isoDay(point.attempt.at)}: ${point.attempt.score} of 5, ${point.attempt.questionText}</title></circle>`,
  );
  return chartFrame({
    id,
    title: 'Attempts over time',
    description:
      attempts.length === 0
        ? 'No graded attempts in this period.'
        : `${attempts.length} graded attempts between ${isoDay(since)} and ${isoDay(until)}, each scored from 1 to 5.`,
    width,
    height,
    body: html`${yGrid(scoreTicks, y, pad.left, width - pad.right)}${labels}${line}${dots}`,
  });
}

/** The UTC calendar day of a time, for axis labels (the table beside the chart gives exact dates). */
export function isoDay(at: number): string {
  return new Date(Math.floor(at / dayMs) * dayMs).toISOString().slice(0, 10);
}
