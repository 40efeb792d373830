/**
 * Operational logging. Fields carry ids and codes only: never secrets, never answer text.
 * The bots' implementation is pino's (src/logging/server-logger.ts), JSON lines on stderr.
 */
export interface Logger {
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { warn: () => {}, error: () => {} };
