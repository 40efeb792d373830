import type { CohortReport, CohortWeek } from '../core/cohort-report.ts';

export const chartSize = { width: 800, height: 400 } as const;

type ChartModule = typeof import('chart.js/auto');
type ChartConfig = ConstructorParameters<ChartModule['default']>[1];

// Okabe–Ito: distinct on white and for the common colour-vision deficiencies.
const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#f0e442', '#000000'];

/**
 * The cohort's chart as a PNG, drawn with chart.js on @napi-rs/canvas (prebuilt binaries from npm; no
 * browser, no system cairo): with answers in two weeks or more of the period, a line per competency of
 * its weekly average; else (one week holds everything) the average per competency as bars. Loaded
 * lazily: only instructors asking for a report pay for it.
 */
export async function renderCohortChart(report: CohortReport): Promise<Buffer> {
  const [{ createCanvas }, chartModule] = await Promise.all([
    import('@napi-rs/canvas'),
    import('chart.js/auto'),
  ]);
  const Chart = chartModule.default;
  const canvas = createCanvas(chartSize.width, chartSize.height);
  const context = canvas.getContext('2d');
  const weeks = report.weekly ?? [];
  const config =
    weeks.filter((week) => week.answers > 0).length >= 2 ? trendChart(report, weeks) : barChart(report);
  // chart.js types its context as the DOM's; @napi-rs/canvas implements the same drawing API.
  const chart = new Chart(
    context as unknown as ConstructorParameters<typeof Chart>[0],
    {
      ...config,
      plugins: [
        {
          id: 'white-background',
          beforeDraw: (drawn) => {
            drawn.ctx.save();
            drawn.ctx.fillStyle = '#ffffff';
            drawn.ctx.fillRect(0, 0, drawn.width, drawn.height);
            drawn.ctx.restore();
          },
        },
      ],
    } as ChartConfig,
  );
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}

/** One line per competency across the period's ISO weeks; a week without answers for it is a gap bridged. */
function trendChart(report: CohortReport, weeks: CohortWeek[]): ChartConfig {
  const competencies = [
    ...new Set(weeks.flatMap((week) => week.byCompetency.map((entry) => entry.competency))),
  ].sort();
  return {
    type: 'line',
    data: {
      labels: weeks.map((week) => `${week.week.slice(5)} · ${week.start.slice(5)}`),
      datasets: competencies.map((competency, index) => ({
        label: competency.replace(/-/g, ' '),
        data: weeks.map(
          (week) => week.byCompetency.find((entry) => entry.competency === competency)?.average ?? null,
        ),
        borderColor: palette[index % palette.length],
        backgroundColor: palette[index % palette.length],
        spanGaps: true,
        pointRadius: 3,
        tension: 0.2,
      })),
    },
    options: {
      responsive: false,
      animation: false,
      scales: {
        y: { min: 1, max: 5, ticks: { stepSize: 1 }, title: { display: true, text: 'average score' } },
        x: { title: { display: true, text: 'ISO week · Monday' } },
      },
      plugins: {
        legend: { position: 'right' },
        title: {
          display: true,
          text: `Weekly average by competency (1-5) · last ${report.periodDays} days · ${report.answers} answers`,
        },
      },
    },
  };
}

function barChart(report: CohortReport): ChartConfig {
  return {
    type: 'bar',
    data: {
      labels: report.byCompetency.map((entry) => entry.competency.replace(/-/g, ' ')),
      datasets: [
        {
          label: 'Average score (1-5)',
          data: report.byCompetency.map((entry) => entry.average),
          backgroundColor: report.byCompetency.map((entry) => scoreColour(entry.average)),
        },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      indexAxis: 'y',
      scales: { x: { min: 0, max: 5, ticks: { stepSize: 1 } } },
      plugins: {
        legend: { display: false },
        title: {
          display: true,
          text: `Average score by competency (1-5) · last ${report.periodDays} days · ${report.answers} answers`,
        },
      },
    },
  };
}

function scoreColour(average: number): string {
  if (average >= 4) return '#2e9d5b';
  if (average >= 3) return '#e0a526';
  return '#d64545';
}
