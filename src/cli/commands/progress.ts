import type { ProgressReport } from '../../core/progress.ts';
import type { CliContext, Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { cliLogger } from '../cli-logger.ts';
import { openRuntime } from '../compose.ts';
import { parseFlags } from '../parse-flags.ts';
import { terminalActor } from '../terminal-actor.ts';

export const progressCommand: Command = {
  name: 'progress',
  summary: 'Your sessions, average scores and what to practise next',
  usage: `Usage: starcoach progress [--json]

Shows your sessions, average score per competency and kind, your weakest areas and what to practise next.

Options:
  --json      print the report as JSON
  -h, --help  show this help`,
  async run(args, context) {
    const { values } = parseFlags('progress', args, { json: { type: 'boolean' } });
    const runtime = await openRuntime(context.config, cliLogger(context));
    try {
      const report = await runtime.coach.progress(terminalActor(context.config));
      if (values.json) writeLine(context.stdout, JSON.stringify(report, null, 2));
      else
        printReport(report, context, (await import('../../../adapters/terminal/render.ts')).practiceCommand);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};

function printReport(
  report: ProgressReport,
  context: CliContext,
  practiceCommand: (options: ProgressReport['next']) => string,
) {
  const out = context.stdout;
  if (report.answered === 0) {
    writeLine(out, 'No answers yet. Start with: starcoach practice');
    return;
  }
  writeLine(out, `Sessions: ${report.sessions} · answers: ${report.answered} · average ${report.average}/5`);
  const today = report.practisedToday ? ' (today done)' : '';
  writeLine(
    out,
    `Streak: ${report.streak} days${today} · due for review: ${report.due} · points this week: ${report.weekPoints}`,
  );
  writeLine(out, 'By competency:');
  const width = Math.max(...report.byCompetency.map((entry) => entry.competency.length));
  for (const entry of report.byCompetency) {
    const bar = '#'.repeat(Math.round(entry.average * 4));
    writeLine(
      out,
      `  ${entry.competency.padEnd(width)}  ${entry.average.toFixed(1)}  ${bar.padEnd(20)} (${entry.attempts})`,
    );
  }
  writeLine(
    out,
    `By kind: ${report.byKind.map((entry) => `${entry.kind} ${entry.average.toFixed(1)} (${entry.attempts})`).join(' · ')}`,
  );
  if (report.weakest.length) writeLine(out, `Weakest: ${report.weakest.join(', ')}`);
  writeLine(out, `Next: ${practiceCommand(report.next)}`);
}
