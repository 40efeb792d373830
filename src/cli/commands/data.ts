import { existsSync } from 'node:fs';
import type { Config } from '../../config.ts';
import { systemClock } from '../../core/clock.ts';
import { StoreError } from '../../errors.ts';
import { backupLines } from '../../store/backup-export.ts';
import { checkBackup, importBackup } from '../../store/backup-import.ts';
import { openBackend } from '../../store/open-backend.ts';
import type { StoreBackend } from '../../store/store-backend.ts';
import { type StoreStats, storeStats } from '../../store/store-stats.ts';
import { parseStoreUrl } from '../../store/store-url.ts';
import type { CliContext, Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { fileLines, withSpooledInput, writeLines, writeLinesToFile } from '../data-lines.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

export const dataCommand: Command = {
  name: 'data',
  summary: 'Back up, restore or count the store (export, import, stats)',
  usage: `Usage: starcoach data export [--out FILE]
       starcoach data import FILE|-
       starcoach data stats [--json]

Works on the configured store (STARCOACH_STORE_URL, STARCOACH_STORE_PREFIX), so a backup taken from
one store (SQLite, Redis, PostgreSQL) can be imported into another.

  export   writes every record and set as JSON Lines to stdout (or FILE): a header line, one line per
           record (with its version) and per set, and an end line with the counts
  import   reads a backup from FILE (or stdin with -), checks every line first and writes nothing when
           any is wrong or the file was cut short; records keep their versions, importing twice is harmless
  stats    counts records and bytes per namespace, and sets and members per kind of set

Options:
  --out FILE  export: write the backup to FILE instead of stdout
  --json      stats: print the counts as JSON
  -h, --help  show this help`,
  async run(args, context) {
    const [action, ...rest] = args;
    switch (action) {
      case 'export':
        return exportData(rest, context);
      case 'import':
        return importData(rest, context);
      case 'stats':
        return statsData(rest, context);
      default:
        throw new UsageError(
          `${action === undefined ? 'Name an action' : `Unknown data action "${action}"`}: starcoach data export|import|stats. Run: starcoach data --help`,
        );
    }
  },
};

async function exportData(args: string[], context: CliContext): Promise<number> {
  const { values } = parseFlags('data', args, { out: { type: 'string', short: 'o' } });
  const backend = await openExisting(context.config);
  try {
    const lines = backupLines(backend, { prefix: context.config.storePrefix, now: systemClock.now() });
    if (values.out === undefined) await writeLines(lines, context.stdout);
    else await writeLinesToFile(lines, values.out);
    return 0;
  } finally {
    await backend.close();
  }
}

async function importData(args: string[], context: CliContext): Promise<number> {
  const { positionals } = parseFlags('data', args, {}, 1);
  const [file] = positionals;
  if (file === undefined) {
    throw new UsageError('Name the backup to import: starcoach data import FILE (or - for stdin).');
  }
  if (file === '-') return withSpooledInput(context.stdin, (path) => importFile(path, 'stdin', context));
  if (!existsSync(file))
    throw new UsageError(`${file} does not exist; name a file made by starcoach data export.`);
  return importFile(file, file, context);
}

async function importFile(path: string, source: string, context: CliContext): Promise<number> {
  await checkBackup(fileLines(path), source);
  const backend = await open(context.config);
  try {
    const imported = await importBackup(fileLines(path), backend);
    writeLine(
      context.stderr,
      `imported ${imported.records} records and ${imported.sets} sets into ${backend.kind}`,
    );
    return 0;
  } finally {
    await backend.close();
  }
}

async function statsData(args: string[], context: CliContext): Promise<number> {
  const { values } = parseFlags('data', args, { json: { type: 'boolean' } });
  const backend = await openExisting(context.config);
  try {
    const stats = await storeStats(backend);
    // Namespace and set names come from stored keys, which may hold anything.
    const { safeJson, safeText } = await import('../../../adapters/terminal/safe-text.ts');
    if (values.json) writeLine(context.stdout, safeJson(stats, 2));
    else writeLine(context.stdout, safeText(statsText(stats)));
    return 0;
  } finally {
    await backend.close();
  }
}

export function statsText(stats: StoreStats): string {
  const records = Object.entries(stats.namespaces);
  const sets = Object.entries(stats.sets);
  const row = (cells: (string | number)[]) =>
    `${String(cells[0]).padEnd(12)}${cells
      .slice(1)
      .map((cell) => String(cell).padStart(10))
      .join('')}`;
  const total = records.reduce((sum, [, entry]) => sum + entry.records, 0);
  return [
    `store: ${stats.store}, ${total} records`,
    '',
    row(['namespace', 'records', 'bytes']),
    ...records.map(([name, entry]) => row([name, entry.records, entry.bytes])),
    '',
    row(['sets', 'sets', 'members']),
    ...sets.map(([name, entry]) => row([name, entry.sets, entry.members])),
  ].join('\n');
}

function open(config: Config): Promise<StoreBackend> {
  return openBackend(parseStoreUrl(config.storeUrl, config.cwd), {
    prefix: config.storePrefix,
    now: () => systemClock.now(),
    connectTimeoutMs: config.storeConnectTimeoutMs,
  });
}

/** Export and stats read a store; opening a SQLite path that is not there would make an empty one. */
async function openExisting(config: Config): Promise<StoreBackend> {
  const location = parseStoreUrl(config.storeUrl, config.cwd);
  if (location.kind === 'sqlite' && !existsSync(location.path)) {
    throw new StoreError(
      'STORE_MISSING',
      `There is no store at ${location.path}; set STARCOACH_STORE_URL to the store to read.`,
    );
  }
  return open(config);
}
