import { describe, expect, it } from 'vitest';
import { chartSize, renderCohortChart } from '../../src/chat/cohort-chart.ts';
import type { CohortReport } from '../../src/core/cohort-report.ts';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const report: CohortReport = {
  members: 4,
  active: 3,
  answers: 14,
  periodDays: 30,
  hardest: [],
  byCompetency: [
    { competency: 'queries', average: 2.5, attempts: 6 },
    { competency: 'compliance', average: 3.8, attempts: 8 },
  ],
  weekly: [
    { week: '2026-W44', start: '2026-10-26', answers: 0, byCompetency: [] },
    {
      week: '2026-W45',
      start: '2026-11-02',
      answers: 5,
      byCompetency: [
        { competency: 'compliance', average: 3.2, attempts: 3 },
        { competency: 'queries', average: 2, attempts: 2 },
      ],
    },
    {
      week: '2026-W46',
      start: '2026-11-09',
      answers: 4,
      byCompetency: [{ competency: 'compliance', average: 4, attempts: 4 }],
    },
    {
      week: '2026-W47',
      start: '2026-11-16',
      answers: 5,
      byCompetency: [
        { competency: 'compliance', average: 4.5, attempts: 1 },
        { competency: 'queries', average: 3, attempts: 4 },
      ],
    },
  ],
};

/** How many pixels of the PNG are (nearly) the colour `hex`. */
async function pixelsOf(png: Buffer, hex: string): Promise<number> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 12) count += 1;
  }
  return count;
}

describe('renderCohortChart', () => {
  it('draws the weekly averages per competency as lines, in a PNG of the expected size', async () => {
    const png = await renderCohortChart(report);
    expect(png.subarray(0, 8)).toEqual(pngSignature);
    expect(png.readUInt32BE(16)).toBe(chartSize.width);
    expect(png.readUInt32BE(20)).toBe(chartSize.height);
    // The first two competencies' line colours, which the bar chart never uses.
    expect(await pixelsOf(png, '#0072b2')).toBeGreaterThan(200);
    expect(await pixelsOf(png, '#e69f00')).toBeGreaterThan(200);
  });

  it('draws bars when one week holds every answer (a line needs two points)', async () => {
    const oneWeek = { ...report, weekly: report.weekly!.slice(0, 2) };
    const png = await renderCohortChart(oneWeek);
    expect(png.readUInt32BE(16)).toBe(chartSize.width);
    expect(await pixelsOf(png, '#0072b2')).toBe(0);
    // Bars coloured by score: 2.5 red, 3.8 amber.
    expect(await pixelsOf(png, '#d64545')).toBeGreaterThan(200);
  });
});
