import type { ProgressReport } from '../../core/progress.ts';
import type { Command } from '../cli-context.ts';
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
      // Pack ids and competencies come from stored records, which may hold anything.
      const { safeJson, safeText } = await import('../../../adapters/terminal/safe-text.ts');
      if (values.json) writeLine(context.stdout, safeJson(report, 2));
      else {
        const { practiceCommand } = await import('../../../adapters/terminal/render.ts');
        printReport(report, (text) => writeLine(context.stdout, safeText(text)), practiceCommand);
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
};

function printReport(
  report: ProgressReport,
  say: (text: string) => void,
  practiceCommand: (options: ProgressReport['next']) => string,
) {
  if (report.answered === 0 && report.peer === null) {
    say('No answers yet. Start with: starcoach practice');
    return;
  }
  say(`Sessions: ${report.sessions} · answers: ${report.answered} · average ${report.average ?? '–'}/5`);
  const today = report.practisedToday ? ' (today done)' : '';
  say(
    `Streak: ${report.streak} ${report.streak === 1 ? 'day' : 'days'}${today} · due for review: ${report.due} · points this week: ${report.weekPoints}`,
  );
  if (report.byCompetency.length) say('By competency:');
  const width = Math.max(...report.byCompetency.map((entry) => entry.competency.length));
  for (const entry of report.byCompetency) {
    const bar = '#'.repeat(Math.round(entry.average * 4));
    say(
      `  ${entry.competency.padEnd(width)}  ${entry.average.toFixed(1)}  ${bar.padEnd(20)} (${entry.attempts})`,
    );
  }
  if (report.byKind.length)
    say(
      `By kind: ${report.byKind.map((entry) => `${entry.kind} ${entry.average.toFixed(1)} (${entry.attempts})`).join(' · ')}`,
    );
  if (report.weakest.length) say(`Weakest: ${report.weakest.join(', ')}`);
  if (report.voice) say(report.voice.text);
  // Peer-scored answers stay out of the graded lines above.
  if (report.peer) {
    say(report.peer.text);
    for (const line of report.peer.lines) say(`  ${line}`);
  }
  say(`Next: ${practiceCommand(report.next)}`);
}
