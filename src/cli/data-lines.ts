import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { OutputClosedError } from './cli-context.ts';

/** The lines of a file, read as they are needed (a backup may be larger than memory). */
export function fileLines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * Writes lines as the stream takes them: waits for `drain` whenever its buffer is full, so a slow
 * reader (a pipe to gzip, a network disk) holds back the store scan instead of filling memory.
 */
export async function writeLines(lines: AsyncIterable<string>, out: NodeJS.WritableStream): Promise<void> {
  for await (const line of lines) {
    if ((out as { destroyed?: boolean }).destroyed) throw new OutputClosedError();
    if (!out.write(`${line}\n`)) await once(out as NodeJS.EventEmitter, 'drain');
  }
}

/** Writes lines to a new file (replacing one there), finished and closed before this resolves. */
export async function writeLinesToFile(lines: AsyncIterable<string>, path: string): Promise<void> {
  const file = createWriteStream(path, 'utf8');
  const failed = once(file, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  await Promise.race([writeLines(lines, file), failed]);
  file.end();
  await Promise.race([once(file, 'finish'), failed]);
}

/**
 * Import reads its input twice (check everything, then write), which stdin cannot do: it is copied to
 * a private temporary file first, removed once `use` is done with it.
 */
export async function withSpooledInput<T>(
  input: NodeJS.ReadableStream,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'starcoach-import-'));
  try {
    const path = join(dir, 'backup.jsonl');
    await pipeline(input, createWriteStream(path, { mode: 0o600 }));
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
