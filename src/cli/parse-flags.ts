import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict flag parsing: an unknown or malformed flag is a usage error naming the command's --help. */
export function parseFlags<T extends Options>(command: string, args: string[], options: T, positionals = 0) {
  try {
    const parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: positionals > 0,
    });
    if (parsed.positionals.length > positionals) {
      throw new UsageError(
        `Unexpected argument "${parsed.positionals[positionals]}". Run: starcoach ${command} --help`,
      );
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${reason}. Run: starcoach ${command} --help`, { cause: error });
  }
}

export function parseChoice<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `--${flag} must be one of ${choices.join(', ')}, like --${flag} ${choices[0]} (got "${value}").`,
  );
}

/**
 * A count as people write it: decimal digits only. Number() would also take 0x3, 1e1, 3.0 and ''
 * (as 0), so a typo would silently become some other count.
 */
export function parseCount(
  flag: string,
  value: string | undefined,
  range: { min: number; max: number; example: number },
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^[0-9]{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= range.min && number <= range.max)) {
    throw new UsageError(
      `--${flag} must be a whole number from ${range.min} to ${range.max}, like --${flag} ${range.example} (got "${value}").`,
    );
  }
  return number;
}

/** Flags that ask for opposite things: refused, rather than one of them silently winning. */
export function refuseTogether(values: Record<string, unknown>, flags: string[], why: string): void {
  const given = flags.filter((flag) => values[flag] !== undefined);
  if (given.length > 1) {
    throw new UsageError(`${given.map((flag) => `--${flag}`).join(' and ')} cannot be used together: ${why}`);
  }
}
