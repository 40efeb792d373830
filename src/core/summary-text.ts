import type { SessionSummary } from './ports.ts';

/** The summary as plain lines, for adapters that show text rather than fields. */
export function summaryText(summary: SessionSummary): string {
  const lines = [
    `${summary.packTitle}: ${summary.answered} of ${summary.total} answered` +
      (summary.average === null ? '' : `, average ${summary.average}/5`) +
      (summary.previousAverage === null ? '' : ` (last session ${summary.previousAverage})`),
  ];
  if (summary.strengths.length) lines.push(`Strong: ${summary.strengths.join(', ')}`);
  if (summary.workOn.length) lines.push(`Work on: ${summary.workOn.join(' · ')}`);
  lines.push(`Next practice: ${summary.nextPractice}`);
  return lines.join('\n');
}
