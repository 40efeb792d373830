import { audioDurationSeconds } from './audio-duration.ts';
import { mimeTypeOf, sniffAudioFormat } from './audio-format.ts';
import { AudioRejected } from './audio-rejected.ts';
import { analyseDelivery } from './delivery.ts';
import type { AudioUpload, DeliveryReport, Transcription } from './voice-types.ts';

export interface HeardAnswer {
  /** As transcribed: not yet redacted. */
  text: string;
  delivery: DeliveryReport | null;
  format: string;
  bytes: number;
  /** The recording's own length, when its headers tell. */
  clipSeconds: number | null;
}

/** Whisper's well-known inventions on a silent recording: said alone, they mean nobody spoke. */
const silenceHallucinations = new Set(['', 'you', 'thank you', 'thanks for watching', 'bye', 'the end']);

const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * From a downloaded recording to what was said and how: the format from its bytes, its length checked
 * against the limit before anything is uploaded, then the transcription and the delivery figures.
 * Throws AudioRejected (format, length, silence) or whatever `transcribe` throws.
 */
export async function hearRecording(
  bytes: Uint8Array,
  name: string,
  maxSeconds: number,
  transcribe: (upload: AudioUpload) => Promise<Transcription>,
): Promise<HeardAnswer> {
  if (bytes.length === 0) throw new AudioRejected('AUDIO_SILENT', 0);
  const format = sniffAudioFormat(bytes, name);
  if (!format) throw new AudioRejected('AUDIO_FORMAT');
  const clipSeconds = await audioDurationSeconds(bytes, format);
  if (clipSeconds !== null && clipSeconds > maxSeconds + 0.5)
    throw new AudioRejected('AUDIO_TOO_LONG', clipSeconds);
  if (clipSeconds !== null && clipSeconds < 0.2) throw new AudioRejected('AUDIO_SILENT', clipSeconds);
  const transcription = await transcribe({
    bytes,
    filename: `answer.${format}`,
    mimeType: mimeTypeOf(format),
  });
  // A file whose headers did not tell its length is held to the limit by the server's measure.
  const heardSeconds = transcription.durationSeconds;
  if (clipSeconds === null && heardSeconds !== null && heardSeconds > maxSeconds + 0.5) {
    throw new AudioRejected('AUDIO_TOO_LONG', heardSeconds);
  }
  if (silenceHallucinations.has(normalised(transcription.text))) throw new AudioRejected('AUDIO_SILENT');
  return {
    text: transcription.text,
    delivery: analyseDelivery(transcription, clipSeconds),
    format,
    bytes: bytes.length,
    clipSeconds,
  };
}
