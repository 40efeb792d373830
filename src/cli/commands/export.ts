import type { Actor } from '../../core/ports.ts';
import type { Command } from '../cli-context.ts';
import { OutputClosedError } from '../cli-context.ts';
import { cliLogger } from '../cli-logger.ts';
import { openRuntime } from '../compose.ts';
import { parseChoice, parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: "A cohort's graded answers as CSV (scores and metadata; --answers adds the text)",
  usage: `Usage: starcoach export --platform slack|discord --tenant ID [--cohort CHANNEL] [--since DATE] [--answers]

Writes one CSV row per graded answer in a cohort to stdout (RFC 4180, UTF-8), reading the configured
store (STARCOACH_STORE_URL) as an admin of that workspace or server. Columns: platform, workspace, cohort,
member, date, pack, question_id, kind, competencies, score, source, assignments (and answer).

Options:
  --platform NAME   slack or discord
  --tenant ID       the Slack workspace (team) id or the Discord server id
  --cohort CHANNEL  the cohort's channel id; needed when the workspace has several cohorts
  --since DATE      first day to include, YYYY-MM-DD in the cohort's timezone (default: the last 30 days)
  --answers         add the redacted answer text (column answer)
  -h, --help        show this help`,
  async run(args, context) {
    const { values } = parseFlags('export', args, {
      platform: { type: 'string' },
      tenant: { type: 'string' },
      cohort: { type: 'string' },
      since: { type: 'string' },
      answers: { type: 'boolean' },
    });
    const platform = parseChoice('platform', values.platform, ['slack', 'discord'] as const);
    if (!platform || !values.tenant) {
      throw new UsageError(
        'Name the workspace: --platform slack|discord --tenant ID. Run: starcoach export --help',
      );
    }
    if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
      throw new UsageError(`--since must be a date like 2026-11-01 (got "${values.since}").`);
    }
    const runtime = await openRuntime(context.config, cliLogger(context));
    try {
      // The operator running the CLI has the store itself: an admin of the tenant.
      const actor: Actor = { platform, tenant: values.tenant, user: 'starcoach-cli', roles: ['admin'] };
      const exported = await runtime.coach.exportCsv(actor, values.cohort ?? null, {
        ...(values.since ? { since: values.since } : {}),
        answers: values.answers ?? false,
      });
      if ((context.stdout as { destroyed?: boolean }).destroyed) throw new OutputClosedError();
      context.stdout.write(exported.csv);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
