import type { Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { loadAllPacks } from '../compose.ts';
import { parseFlags } from '../parse-flags.ts';
import { requirePack } from '../require-pack.ts';

export const questionsCommand: Command = {
  name: 'questions',
  summary: "List a pack's questions",
  usage: `Usage: starcoach questions --pack ID [--json]

Lists the questions of a pack: id, kind, level and text.

Options:
  --pack ID   the pack (see: starcoach questions --pack medical-coding)
  --json      print a JSON array of {id, kind, level, text}
  -h, --help  show this help`,
  async run(args, context) {
    const { values } = parseFlags('questions', args, { pack: { type: 'string' }, json: { type: 'boolean' } });
    const pack = requirePack(loadAllPacks(context.config), values.pack);
    // A pack is anyone's file: its text may hold terminal control sequences.
    const { safeJson, safeText } = await import('../../../adapters/terminal/safe-text.ts');
    if (values.json) {
      const rows = pack.questions.map(({ id, kind, level, text }) => ({ id, kind, level, text }));
      writeLine(context.stdout, safeJson(rows, 2));
      return 0;
    }
    const say = (text: string) => writeLine(context.stdout, safeText(text));
    say(`${pack.roleTitle} (${pack.id}): ${pack.questions.length} questions`);
    for (const question of pack.questions) {
      say(`${question.id}  [${question.kind}, ${question.level}]  ${question.text}`);
    }
    return 0;
  },
};
