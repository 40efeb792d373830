import OpenAI, { toFile } from 'openai';
import { z } from 'zod';
import type { Clock } from '../core/ports.ts';
import { type Transcriber, TranscriptionFailed } from '../core/transcriber.ts';
import { withRetries } from '../feedback/llm/retry.ts';
import type { AudioUpload, TimedText, Transcription } from '../voice/voice-types.ts';

export const defaultTranscribeModel = 'gpt-4o-mini-transcribe';

export interface OpenAITranscriberOptions {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  /** Per attempt; the whole transcription, retries included, gets three times this (as grading does). */
  timeoutMs: number;
  maxAttempts?: number;
  clock?: Clock;
}

/**
 * OpenAI's gpt-4o transcribe models answer only `json` (text, no timing); whisper-1 and the
 * OpenAI-compatible servers (whisper.cpp, faster-whisper, LocalAI) answer `verbose_json` with segment
 * and word timestamps, which pauses and true speaking time need.
 */
export function timestampsOffered(model: string): boolean {
  return !/^gpt-4o/i.test(model);
}

/**
 * Whisper tends to tidy fillers away; a prompt written the way people talk keeps them in the transcript
 * (OpenAI's speech-to-text guide suggests this).
 */
const keepFillersPrompt = 'Umm, let me think, like, hmm… Okay, so, uh, here is what I did, you know.';

const timed = z.object({ start: z.number(), end: z.number() });
// Loose on purpose: servers differ in what else they send, and a missing part just means less to measure.
const responseSchema = z.union([
  z.string(),
  z.object({
    text: z.string(),
    duration: z.coerce.number().optional().catch(undefined),
    words: z
      .array(timed.extend({ word: z.string() }))
      .optional()
      .catch(undefined),
    segments: z
      .array(timed.extend({ text: z.string() }))
      .optional()
      .catch(undefined),
  }),
]);

function toTranscription(raw: unknown): Transcription {
  const parsed = responseSchema.parse(raw);
  if (typeof parsed === 'string')
    return { text: parsed.trim(), durationSeconds: null, words: null, segments: null };
  const words: TimedText[] | null = parsed.words?.length
    ? parsed.words.map(({ word, start, end }) => ({ text: word.trim(), start, end }))
    : null;
  const segments: TimedText[] | null = parsed.segments?.length
    ? parsed.segments.map(({ text, start, end }) => ({ text: text.trim(), start, end }))
    : null;
  const duration = parsed.duration !== undefined && Number.isFinite(parsed.duration) ? parsed.duration : null;
  return { text: parsed.text.trim(), durationSeconds: duration, words, segments };
}

/**
 * Speech to text through the official client's `audio.transcriptions.create`, against OPENAI_BASE_URL.
 * Timeouts, 429 and 5xx are retried within one deadline (`withRetries`, shared with grading); a server
 * that refuses `verbose_json` with a 400 is asked again for plain `json`, and then always.
 */
export function createOpenAITranscriber(options: OpenAITranscriberOptions): Transcriber {
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs));
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    timeout: timeoutMs,
    maxRetries: 0,
  });
  const policy = { maxAttempts: options.maxAttempts ?? 3, timeoutMs, clock: options.clock };
  let verbose = timestampsOffered(options.model);

  async function once(upload: AudioUpload, signal: AbortSignal, attemptTimeoutMs: number) {
    const file = await toFile(upload.bytes, upload.filename, { type: upload.mimeType });
    const body = { file, model: options.model, prompt: keepFillersPrompt, stream: false } as const;
    const request = { signal, timeout: attemptTimeoutMs, maxRetries: 0 };
    const raw: unknown = verbose
      ? await client.audio.transcriptions.create(
          { ...body, response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] },
          request,
        )
      : await client.audio.transcriptions.create({ ...body, response_format: 'json' }, request);
    return toTranscription(raw);
  }

  return {
    model: options.model,
    async transcribe(upload) {
      const run = await withRetries(policy, async ({ signal, timeoutMs: attemptTimeoutMs }) => {
        try {
          return await once(upload, signal, attemptTimeoutMs);
        } catch (error) {
          // Asked for timestamps the server does not do: ask plainly, at once, and from now on.
          if (verbose && error instanceof OpenAI.BadRequestError) {
            verbose = false;
            return once(upload, signal, attemptTimeoutMs);
          }
          throw error;
        }
      });
      if (run.ok) return run.value;
      throw new TranscriptionFailed(run.failures.at(-1)?.code ?? 'unknown');
    },
  };
}
