import { UserFacingError } from '../errors.ts';
import { describeRedaction, redactIdentifiers } from '../privacy/index.ts';
import { AudioRejected, maxAudioBytes } from '../voice/audio-rejected.ts';
import { type HeardAnswer, hearRecording } from '../voice/hear.ts';
import type { DeliveryReport } from '../voice/voice-types.ts';
import type { AnswerGrading } from './answer-grading.ts';
import { checkAnswerText } from './answer-limits.ts';
import type { CoachContext } from './coach-context.ts';
import type { AudioClip, InboundEvent, Outbox, Reply } from './ports.ts';
import type { SessionRecord } from './records.ts';
import { type Transcriber, TranscriptionFailed } from './transcriber.ts';
import { audioProblemText, voiceMessages } from './voice-messages.ts';

export interface VoiceSettings {
  /** Null: voice answers are off, and members are told how to turn them on. */
  transcriber: Transcriber | null;
  /** The longest recording transcribed (STARCOACH_MAX_AUDIO_SECONDS). */
  maxSeconds: number;
  /** How long downloading a recording from the platform may take. */
  downloadTimeoutMs?: number;
}

/** The problem with a recording from what the platform said of it, before anything is downloaded. */
function announcedProblem(audio: AudioClip, maxSeconds: number): AudioRejected | null {
  if (audio.sizeBytes != null && audio.sizeBytes > maxAudioBytes) {
    return new AudioRejected('AUDIO_TOO_LARGE', audio.sizeBytes);
  }
  if (audio.durationSeconds != null && audio.durationSeconds > maxSeconds + 0.5) {
    return new AudioRejected('AUDIO_TOO_LONG', audio.durationSeconds);
  }
  if (audio.sizeBytes === 0) return new AudioRejected('AUDIO_SILENT', 0);
  return null;
}

function transcriptReply(
  status: 'pending' | 'final' | 'failed',
  text: string,
  transcript: string | null = null,
  delivery: DeliveryReport | null = null,
): Reply {
  return { type: 'transcript', private: false, actions: [], status, text, transcript, delivery };
}

/**
 * A spoken answer's way in: checked from what the platform says of it, downloaded, checked again,
 * transcribed (outside the gate, like grading), redacted, shown to the member, then stored and graded
 * exactly as a typed answer. Nothing of a recording that fails is stored, and its delivery is not
 * claimed, so sending it again works; the audio itself is never stored.
 */
export function createVoiceAnswers(context: CoachContext, grading: AnswerGrading, voice: VoiceSettings) {
  const { store, logger, gate, packOf } = context;

  async function hear(audio: AudioClip, transcriber: Transcriber): Promise<HeardAnswer> {
    let bytes: Uint8Array;
    try {
      const signal = AbortSignal.timeout(voice.downloadTimeoutMs ?? 30_000);
      bytes = await audio.load({ maxBytes: maxAudioBytes, signal });
    } catch (error) {
      throw error instanceof AudioRejected
        ? error
        : new AudioRejected('AUDIO_DOWNLOAD_FAILED', null, { cause: error });
    }
    if (bytes.length > maxAudioBytes) throw new AudioRejected('AUDIO_TOO_LARGE', bytes.length);
    return hearRecording(bytes, audio.name, voice.maxSeconds, (upload) => transcriber.transcribe(upload));
  }

  async function answerAudio(
    event: InboundEvent & { type: 'answer-audio' },
    session: SessionRecord,
    out: Outbox,
  ): Promise<void> {
    // The re-delivery of a recording already stored: it is being (or was) graded.
    if (store.storedAnswer(session, event.deliveryId)) return;
    const transcriber = voice.transcriber;
    if (!transcriber) throw new UserFacingError('VOICE_OFF', voiceMessages.voiceOff());
    const announced = announcedProblem(event.audio, voice.maxSeconds);
    if (announced) throw new UserFacingError(announced.code, audioProblemText(announced, voice.maxSeconds));
    const handle = await out.send(
      transcriptReply('pending', voiceMessages.transcribing(event.audio.durationSeconds ?? null)),
    );
    let heard: HeardAnswer;
    try {
      heard = await gate.outside(() => hear(event.audio, transcriber));
    } catch (error) {
      const text = failureText(error, event);
      await out.update(handle, transcriptReply('failed', text));
      return;
    }
    const problem = checkAnswerText(heard.text);
    if (problem) {
      await out.update(handle, transcriptReply('failed', problem.message));
      return;
    }
    const redaction = redactIdentifiers(heard.text.trim());
    const { delivery } = heard;
    const spoken = delivery
      ? {
          seconds: delivery.seconds,
          wordsPerMinute: delivery.wordsPerMinute,
          fillersPerMinute: delivery.fillersPerMinute,
        }
      : null;
    const accepted = await grading.storeAnswer(session, event.deliveryId, redaction.text, spoken);
    if (!accepted) {
      await out.update(handle, transcriptReply('failed', voiceMessages.alreadyReceived()));
      return;
    }
    await out.update(
      handle,
      transcriptReply('final', voiceMessages.heard(delivery), redaction.text, delivery),
    );
    const note = describeRedaction(redaction.found);
    await grading.gradePending(accepted, packOf(session.packId), out, note ? [note] : []);
  }

  function failureText(error: unknown, event: InboundEvent): string {
    if (error instanceof AudioRejected) {
      logger.warn('voice-answer-rejected', { deliveryId: event.deliveryId, code: error.code });
      return audioProblemText(error, voice.maxSeconds);
    }
    const reason = error instanceof TranscriptionFailed ? error.reason : 'unexpected';
    logger.warn('transcription-failed', {
      deliveryId: event.deliveryId,
      reason,
      error: error instanceof TranscriptionFailed ? undefined : error,
    });
    return voiceMessages.transcribeFailed();
  }

  return { answerAudio };
}

export type VoiceAnswers = ReturnType<typeof createVoiceAnswers>;
