import { systemClock } from './clock.ts';
import type { Clock } from './ports.ts';

/**
 * Operational logging. Fields carry ids and codes only: never secrets, never answer text.
 * The default writes one JSON line per event to stderr.
 */
export interface Logger {
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createJsonLogger(
  write: (line: string) => void,
  level: 'error' | 'warn' = 'warn',
  clock: Clock = systemClock,
): Logger {
  const log = (level: string, event: string, fields: Record<string, unknown> = {}) => {
    const safe = Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [
        key,
        value instanceof Error ? describeError(value) : value,
      ]),
    );
    write(`${JSON.stringify({ level, event, ...safe, at: new Date(clock.now()).toISOString() })}\n`);
  };
  return {
    warn: level === 'warn' ? (event, fields) => log('warn', event, fields) : () => {},
    error: (event, fields) => log('error', event, fields),
  };
}

/** An error's name, code and message; the stack stays out of user-visible channels but helps operators. */
function describeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(code === undefined ? {} : { code }),
    message: error.message,
    stack: error.stack,
  };
}

export const silentLogger: Logger = { warn: () => {}, error: () => {} };
