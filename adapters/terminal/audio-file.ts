import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { type AudioClip, readAtMost } from '../../src/index.ts';

/**
 * A recording on disk as a clip, or why it cannot be one (said to the user with what to do). Its size
 * is known before reading, so a file over the limit is refused without reading it.
 */
export function audioFileClip(path: string): AudioClip | { problem: string } {
  if (path === '')
    return { problem: 'Give the recording to answer with: /audio PATH (mp3, mp4, m4a, wav, webm or ogg).' };
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      return { problem: `${path} is not a file. Give the path of a recording: /audio PATH.` };
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `Cannot read ${path} (${code}). Check the path and try /audio PATH again.` };
  }
  return {
    name: basename(path),
    sizeBytes: size,
    load: ({ maxBytes, signal }) =>
      readAtMost(Readable.toWeb(createReadStream(path, { signal })) as ReadableStream<Uint8Array>, maxBytes),
  };
}
