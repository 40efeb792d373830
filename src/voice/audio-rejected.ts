import { StarcoachError } from '../errors.ts';

export type AudioRejectedCode =
  | 'AUDIO_TOO_LARGE'
  | 'AUDIO_TOO_LONG'
  | 'AUDIO_FORMAT'
  | 'AUDIO_SILENT'
  | 'AUDIO_DOWNLOAD_FAILED';

/**
 * A recording that will not be transcribed, and why. Not user-facing itself: the core words it
 * (core/voice-messages.ts). `figure` is the measured size in bytes or length in seconds, where there is one.
 */
export class AudioRejected extends StarcoachError {
  declare readonly code: AudioRejectedCode;

  constructor(
    code: AudioRejectedCode,
    readonly figure: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(code, `recording rejected: ${code}`, options);
  }
}

/** Speech servers take files up to 25 MB (OpenAI's limit, which the self-hosted ones copy). */
export const maxAudioBytes = 25 * 1024 * 1024;

/**
 * Reads a download's body, stopping as soon as it passes `maxBytes`, so a huge or endless file costs
 * at most that much memory. For adapters: a platform's file URL fetched with its credentials.
 */
export async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new AudioRejected('AUDIO_TOO_LARGE', total);
      chunks.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
