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

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
