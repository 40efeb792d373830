// What the eval CLIs (npm run eval, npm run eval:privacy) share: their default set files and their flags.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packagePath } from '../package-root.ts';

/** The labelled set files (`*.json`) in a folder of the package, in name order: an eval's default input. */
export function setFilesIn(...folder: string[]): string[] {
  const dir = packagePath(...folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** What an eval CLI was asked: the set files (its own folder's when none are named) and `--failures`. */
export type EvalArgs = { files: string[]; failures: boolean } | { exitCode: number };

/**
 * The flags every eval CLI takes (`FILE.json …`, `--failures`, `--help`). Prints the usage for
 * `--help` (exit 0) and after a bad flag (exit 2), as `name: …`.
 */
export function parseEvalArgs(
  name: string,
  usage: string,
  argv: string[],
  defaults: () => string[],
): EvalArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { failures: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`${name}: ${(error as Error).message}\n${usage}\n`);
    return { exitCode: 2 };
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    return { exitCode: 0 };
  }
  const files = parsed.positionals.length > 0 ? parsed.positionals : defaults();
  return { files, failures: parsed.values.failures === true };
}
