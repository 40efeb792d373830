import type { CohortReport } from '../core/cohort-report.ts';

export const chartSize = { width: 800, height: 400 } as const;

/**
 * The cohort's average score per competency as a PNG bar chart, drawn with chart.js on
 * @napi-rs/canvas (prebuilt binaries from npm; no browser, no system cairo). Loaded lazily: only
 * instructors asking for a report pay for it.
 */
export async function renderCohortChart(report: CohortReport): Promise<Buffer> {
  const [{ createCanvas }, chartModule] = await Promise.all([
    import('@napi-rs/canvas'),
    import('chart.js/auto'),
  ]);
  const Chart = chartModule.default;
  const canvas = createCanvas(chartSize.width, chartSize.height);
  const context = canvas.getContext('2d');
  const labels = report.byCompetency.map((entry) => entry.competency.replace(/-/g, ' '));
  // chart.js types its context as the DOM's; @napi-rs/canvas implements the same drawing API.
  const chart = new Chart(context as unknown as ConstructorParameters<typeof Chart>[0], {
    type: 'bar',
    data: {
      labels,
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
  });
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}

function scoreColour(average: number): string {
  if (average >= 4) return '#2e9d5b';
  if (average >= 3) return '#e0a526';
  return '#d64545';
}
