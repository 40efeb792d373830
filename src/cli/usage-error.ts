import { StarcoachError } from '../errors.ts';

/** A command line that cannot be run as written: exit code 2, with the fix in the message. */
export class UsageError extends StarcoachError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USAGE', message, options);
  }
}
