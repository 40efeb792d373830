import { html, type SafeHtml } from '../html.ts';

/**
 * The frame every chart shares: an SVG that names itself to screen readers (role="img", a <title> and
 * a <desc> it points at), drawn in a fixed viewBox that CSS scales to the page's width.
 */
export interface ChartFrame {
  /** Unique on the page: the title and description ids derive from it. */
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  body: SafeHtml;
}

export function chartFrame(frame: ChartFrame): SafeHtml {
  const titleId = `${frame.id}-title`;
  const descId = `${frame.id}-desc`;
  return html`<svg class="chart" id="${frame.id}" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg"><title id="${titleId}">${frame.title}</title><desc id="${descId}">${frame.description}</desc>${frame.body}</svg>`;
}

/** Colours that stay apart for the common colour-vision differences (Okabe–Ito), with a dash each too. */
export const seriesStyles = [
  { colour: '#0072B2', dash: '' },
  { colour: '#D55E00', dash: '6 3' },
  { colour: '#009E73', dash: '2 3' },
  { colour: '#CC79A7', dash: '8 3 2 3' },
  { colour: '#8A6A00', dash: '4 4' },
  { colour: '#56B4E9', dash: '1 2' },
  { colour: '#000000', dash: '10 2' },
] as const;

export function seriesStyle(index: number) {
  return seriesStyles[index % seriesStyles.length]!;
}

/** A number with at most one decimal, as the figures are given. */
export function one(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Horizontal grid lines with their labels on the left, for a y scale from `min` to `max`. */
export function yGrid(
  ticks: readonly number[],
  y: (value: number) => number,
  left: number,
  right: number,
): SafeHtml {
  return html`${ticks.map(
    (tick) =>
      html`<line class="grid" x1="${left}" x2="${right}" y1="${y(tick)}" y2="${y(tick)}"/><text class="tick" x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${one(tick)}</text>`,
  )}`;
}

/** Round tick values from 0 to at least `max`, about four of them. */
export function countTicks(max: number): number[] {
  const top = Math.max(1, max);
  const step = Math.max(1, Math.ceil(top / 4));
  const ticks: number[] = [];
  for (let tick = 0; tick <= top + step - 1 && ticks.length < 6; tick += step) ticks.push(tick);
  return ticks;
}

/** Coordinates to a tenth of a unit: plenty for a viewBox this size, and short markup. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Score ticks: the 1–5 scale every grade uses. */
export const scoreTicks = [1, 2, 3, 4, 5] as const;
