import { pino } from 'pino';
import { systemClock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Clock } from '../core/ports.ts';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** The core's Logger, plus the levels operators turn on for a running bot. */
export interface ServerLogger extends Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
}

const censored = [
  'text',
  'answer',
  'answers',
  'transcript',
  'feedback',
  'token',
  'apiKey',
  'secret',
  'password',
  'authorization',
  'cookie',
];

/**
 * Fields that never reach a log line, at the top or one level down (`fields.request.authorization`):
 * answer and transcript text, and every kind of secret. Our own calls pass ids and codes only; this is
 * the net under a mistake.
 */
export const redactedPaths = [
  ...censored,
  ...censored.map((key) => `*.${key}`),
  'headers.authorization',
  '*.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
];

/**
 * Structured JSON lines through pino: `{"level":"warn","at":"…","pid":…,"hostname":…,…fields,"event":"…"}`.
 * Errors under `error` keep name, code, message and stack. Time is the given clock's. `bound` goes on
 * every line (a shard's number, so one stream from many processes can be told apart).
 */
export function createServerLogger(
  destination: { write(line: string): unknown },
  level: LogLevel,
  clock: Clock = systemClock,
  bound: Record<string, string | number> = {},
): ServerLogger {
  const root = pino(
    {
      level,
      messageKey: 'event',
      timestamp: () => `,"at":"${new Date(clock.now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err },
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    destination,
  );
  const base = Object.keys(bound).length ? root.child(bound) : root;
  const at =
    (method: 'error' | 'warn' | 'info' | 'debug') =>
    (event: string, fields: Record<string, unknown> = {}) =>
      base[method](fields, event);
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
