import { createJsonLogger, type Logger } from '../core/logger.ts';
import type { CliContext } from './cli-context.ts';

/**
 * JSON lines on stderr. At a terminal the user already sees fallbacks in the feedback, so only errors
 * are logged unless STARCOACH_LOG_LEVEL=warn.
 */
export function cliLogger(context: CliContext): Logger {
  return createJsonLogger((line) => context.stderr.write(line), context.config.logLevel ?? 'error');
}
