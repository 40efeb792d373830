import { describe, expect, it } from 'vitest';
import { attemptsChart } from '../../adapters/web/charts/attempts.ts';
import { competencyBarsChart } from '../../adapters/web/charts/competency-bars.ts';
import { competencyWeeksChart } from '../../adapters/web/charts/competency-weeks.ts';
import { countTicks } from '../../adapters/web/charts/frame.ts';
import { participationChart } from '../../adapters/web/charts/participation.ts';
import type { CompetencyWeek, MemberAttempt, ParticipationDay } from '../../src/core/dashboard-types.ts';

const day = 86_400_000;
const since = Date.parse('2026-11-01T00:00:00Z');

/** The accessible name pieces an SVG chart must carry. */
function expectNamed(svg: string, id: string, title: string) {
  expect(svg).toMatch(
    new RegExp(
      `^<svg class="chart" id="${id}" viewBox="0 0 \\d+ \\d+" role="img" aria-labelledby="${id}-title ${id}-desc"`,
    ),
  );
  expect(svg).toContain(`<title id="${id}-title">${title}</title>`);
  expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
}

const count = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].length;

describe('charts', () => {
  it('participation: one bar a day, scaled to the busiest day', () => {
    const days: ParticipationDay[] = [
      { date: '2026-11-01', members: 0, answers: 0 },
      { date: '2026-11-02', members: 4, answers: 9 },
      { date: '2026-11-03', members: 2, answers: 2 },
    ];
    const svg = participationChart('p', days).value;
    expectNamed(svg, 'p', 'Participation per day');
    expect(count(svg, /<rect class="bar"/g)).toBe(3);
    expect(svg).toContain('The busiest day was 2026-11-02 with 4 members.');
    const heights = [...svg.matchAll(/<rect class="bar" [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights[0]).toBe(0);
    expect(heights[1]).toBe(heights[2]! * 2);
    expect(participationChart('e', []).value).toContain('No days in this period.');
  });

  it('competency weeks: a line and a legend entry per competency, names escaped', () => {
    const rows: CompetencyWeek[] = [
      { week: '2026-W45', competency: 'coding <&>', average: 2.5, answers: 4 },
      { week: '2026-W46', competency: 'coding <&>', average: 3.5, answers: 2 },
      { week: '2026-W46', competency: 'ethics', average: 4, answers: 1 },
    ];
    const svg = competencyWeeksChart('w', rows).value;
    expectNamed(svg, 'w', 'Weekly average score per competency');
    expect(count(svg, /<polyline/g)).toBe(2);
    expect(count(svg, /<text class="legend"/g)).toBe(2);
    expect(svg).toContain('coding &lt;&amp;&gt;');
    expect(svg).not.toContain('coding <&>');
    // Two series look different without colour too.
    const dashes = [...svg.matchAll(/<polyline [^>]*stroke-dasharray="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(dashes).size).toBe(2);
  });

  it('competency bars: bar length follows the average out of 5', () => {
    const svg = competencyBarsChart('b', [
      { competency: 'coding', average: 5, answers: 2 },
      { competency: 'ethics', average: 2.5, answers: 1 },
    ]).value;
    expectNamed(svg, 'b', 'Average score per competency');
    const widths = [...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe(widths[1]! * 2);
    expect(svg).toContain('the lowest is ethics at 2.5');
  });

  it('attempts: a dot per attempt in time order, placed within the period', () => {
    const attempts: MemberAttempt[] = [1, 2, 3].map((n) => ({
      at: since + n * day,
      packId: 'p',
      questionId: `q${n}`,
      questionText: `Question <${n}>`,
      score: n + 1,
      competencies: ['coding'],
    }));
    const svg = attemptsChart('a', attempts, since, since + 4 * day).value;
    expectNamed(svg, 'a', 'Attempts over time');
    const xs = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(3);
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!, 0);
    expect(svg).toContain('Question &lt;1&gt;');
    expect(attemptsChart('n', [], since, since + day).value).toContain('No graded attempts in this period.');
  });

  it('tick counts cover the maximum in round steps', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(10)).toEqual([0, 3, 6, 9, 12]);
  });
});
