import type { Logger } from '../core/logger.ts';
import { createServerLogger } from '../logging/server-logger.ts';
import type { CliContext } from './cli-context.ts';

/**
 * JSON lines on stderr. At a terminal the user already sees fallbacks in the feedback, so only errors
 * are logged unless STARCOACH_LOG_LEVEL says more.
 */
export function cliLogger(context: CliContext): Logger {
  return createServerLogger(context.stderr, context.config.logLevel ?? 'error');
}
