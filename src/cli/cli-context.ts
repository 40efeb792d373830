import type { Config } from '../config.ts';

/** What every command gets: parsed config and the process's streams, so tests can run commands in-process. */
export interface CliContext {
  config: Config;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code. */
  run(args: string[], context: CliContext): Promise<number>;
}

/** Thrown by writeLine once the output is gone, so a command busy with more output stops. */
export class OutputClosedError extends Error {
  constructor() {
    super('the output was closed');
  }
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  // A write into a closed pipe fails at once and destroys the stream, but its error event waits for a
  // tick that a command awaiting only settled promises (the offline grader) does not give.
  if ((stream as { destroyed?: boolean }).destroyed) throw new OutputClosedError();
  stream.write(`${text}\n`);
}

/** How writing the output ended early: its reader went away (`| head -1`), or it failed. */
export interface OutputLost {
  readerGone: boolean;
  error: Error;
}

/**
 * A write to a pipe whose reader has gone fails with EPIPE, emitted as an `error` event that would end
 * the process with a stack trace. Listening turns it (and any other write failure) into this promise;
 * later writes to the stream are dropped.
 */
export function outputLost(stream: NodeJS.WritableStream): Promise<OutputLost> {
  return new Promise((resolve) => {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ readerGone: error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED', error });
    });
  });
}
