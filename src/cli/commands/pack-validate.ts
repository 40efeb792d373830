import { loadPackFile } from '../../content/load-pack.ts';
import { PackError } from '../../errors.ts';
import type { Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

export const packValidateCommand: Command = {
  name: 'pack validate',
  summary: 'Check a question pack file against the schema',
  usage: `Usage: starcoach pack validate PATH

Checks a pack file. Prints each problem with its question id and field; exits 1 when the pack is invalid.

Options:
  -h, --help  show this help`,
  async run(args, context) {
    const { positionals } = parseFlags('pack validate', args, {}, 1);
    const path = positionals[0];
    if (!path)
      throw new UsageError('Give the pack file to check: starcoach pack validate content/my-pack.json');
    // The file is the one being checked: anything in it, its id and its problems too, may be hostile.
    const { safeText } = await import('../../../adapters/terminal/safe-text.ts');
    try {
      const pack = loadPackFile(path);
      writeLine(
        context.stdout,
        safeText(`${path}: valid pack "${pack.id}" with ${pack.questions.length} questions.`),
      );
      return 0;
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      writeLine(context.stderr, safeText(error.message));
      return 1;
    }
  },
};
