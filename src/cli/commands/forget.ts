import { messages } from '../../core/messages.ts';
import type { Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { cliLogger } from '../cli-logger.ts';
import { openRuntime } from '../compose.ts';
import { parseFlags } from '../parse-flags.ts';
import { terminalActor } from '../terminal-actor.ts';
import { UsageError } from '../usage-error.ts';

export const forgetCommand: Command = {
  name: 'forget',
  summary: 'Delete all your stored sessions, answers and history',
  usage: `Usage: starcoach forget [--yes]

Deletes every record starcoach keeps about you (sessions, answers, history). Asks first.

Options:
  --yes       delete without asking (required when stdin is not a terminal)
  -h, --help  show this help`,
  async run(args, context) {
    const { values } = parseFlags('forget', args, { yes: { type: 'boolean', short: 'y' } });
    if (!values.yes) {
      if (!context.stdin.isTTY) throw new UsageError('Refusing to delete without confirmation: add --yes.');
      const { confirm } = await import('../../../adapters/terminal/confirm.ts');
      const sure = await confirm('Delete all your starcoach data? This cannot be undone.', context);
      if (!sure) {
        writeLine(context.stdout, 'Nothing deleted.');
        return 0;
      }
    }
    const runtime = await openRuntime(context.config, cliLogger(context));
    try {
      const removed = await runtime.coach.forget(terminalActor(context.config));
      writeLine(context.stdout, messages.forgotten(removed));
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
