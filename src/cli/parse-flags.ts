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
  throw new UsageError(`--${flag} must be one of ${choices.join(', ')} (got "${value}").`);
}

export function parseCount(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got "${value}").`);
  }
  return number;
}
