import { StarcoachError } from '../errors.ts';
import type { AudioUpload, Transcription } from '../voice/voice-types.ts';

export type { AudioUpload, TimedText, Transcription } from '../voice/voice-types.ts';

/**
 * The speech-to-text port: the OpenAI-compatible transcriber (src/voice/openai-transcriber.ts) is the
 * one implementation. It retries within its own deadline and throws `TranscriptionFailed` when it gives up.
 */
export interface Transcriber {
  readonly model: string;
  transcribe(upload: AudioUpload): Promise<Transcription>;
}

/** The speech server did not give a transcript in time (timeouts, 429, 5xx after retries, refusals). */
export class TranscriptionFailed extends StarcoachError {
  constructor(
    /** `timeout`, `http-429`, `http-503`, `http-400`…: for logs. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('TRANSCRIPTION_FAILED', `transcription failed: ${reason}`, options);
  }
}
