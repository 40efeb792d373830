import { parseBuffer } from 'music-metadata';
import type { AudioFormat } from './audio-format.ts';
import { mimeTypeOf } from './audio-format.ts';

/**
 * A recording's length in seconds from its headers (or, where a format keeps none, by reading its
 * frames), or null when it cannot be told, as with some browser-made WebM files. A file that cannot
 * be parsed at all is null too: the speech server has the last word on whether it is audio.
 */
export async function audioDurationSeconds(bytes: Uint8Array, format: AudioFormat): Promise<number | null> {
  try {
    const metadata = await parseBuffer(
      bytes,
      { mimeType: mimeTypeOf(format), size: bytes.length },
      { duration: true, skipCovers: true, skipPostHeaders: true },
    );
    const seconds = metadata.format.duration;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
  } catch {
    return null;
  }
}
