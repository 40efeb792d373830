import type { ParticipationDay } from '../../../src/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { chartFrame, countTicks, round, yGrid } from './frame.ts';

const width = 640;
const height = 220;
const pad = { left: 40, right: 10, top: 12, bottom: 34 };

/** Members who answered, one bar a day; the date under every seventh bar. */
export function participationChart(id: string, days: readonly ParticipationDay[]): SafeHtml {
  const ticks = countTicks(Math.max(0, ...days.map((day) => day.members)));
  const top = ticks.at(-1)!;
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const y = (value: number) => round(pad.top + plotHeight - (value / top) * plotHeight);
  const slot = plotWidth / Math.max(1, days.length);
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  const bars = days.map((day, index) => {
    const x = round(pad.left + index * slot + slot * 0.15);
    const label =
      index % labelEvery === 0
        ? html`<text class="tick" x="${round(x + slot * 0.35)}" y="${height - pad.bottom + 16}" text-anchor="middle">${day.date.slice(5)}</text>`
        : null;
    return html`<rect class="bar" x="${x}" y="${y(day.members)}" width="${round(slot * 0.7)}" height="${round(pad.top + plotHeight - y(day.members))}" fill="#0072B2"><title>${day.date}: ${day.members} members, ${day.answers} answers</title></rect>${label}`;
  });
  const busiest = days.reduce<ParticipationDay | null>(
    (best, day) => (!best || day.members > best.members ? day : best),
    null,
  );
  return chartFrame({
    id,
    title: 'Participation per day',
    description:
      days.length === 0
        ? 'No days in this period.'
        : `Members who answered at least once each day from ${days[0]!.date} to ${days.at(-1)!.date}. The busiest day was ${busiest!.date} with ${busiest!.members} members.`,
    width,
    height,
    body: html`${yGrid(ticks, y, pad.left, width - pad.right)}${bars}`,
  });
}
