import { createJsonLogger, type Logger } from '../core/logger.ts';
import type { CliContext } from './cli-context.ts';

/** Operational errors go to stderr as JSON lines; in the terminal they only show when something broke. */
export function cliLogger(context: CliContext): Logger {
  return createJsonLogger((line) => context.stderr.write(line));
}
