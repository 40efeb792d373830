import type { AudioRejected } from '../voice/audio-rejected.ts';
import { maxAudioBytes } from '../voice/audio-rejected.ts';
import { minutesAndSeconds } from '../voice/delivery-note.ts';
import type { DeliveryReport } from '../voice/voice-types.ts';

const formats = 'mp3, mp4, m4a, wav, webm or ogg';

/** What the core says about spoken answers: every sentence says what happened and what to do next. */
export const voiceMessages = {
  voiceOff: () =>
    'Voice answers are not turned on here: they need a speech-to-text server. An admin can turn them on ' +
    'with OPENAI_API_KEY (and OPENAI_BASE_URL for a self-hosted speech server); see "Voice answers" in ' +
    'the README. Please type your answer for now.',
  voiceOffCli: () =>
    'Transcription is off: set OPENAI_API_KEY (and OPENAI_BASE_URL for a self-hosted speech server) to grade ' +
    'recordings, or grade the answer as text with --answer.',
  audioTooLarge: (megabytes: number, limit: number) =>
    `That recording is ${megabytes.toFixed(1)} MB; the limit is ${limit} MB. Record a shorter answer (two minutes is plenty) or type it.`,
  audioTooLong: (seconds: number, limit: number) =>
    `That recording is ${minutesAndSeconds(seconds)} long; the limit is ${minutesAndSeconds(limit)}. Record a shorter answer or type it.`,
  audioFormat: () =>
    `That file is not a recording the speech server can read. Send ${formats} audio (a voice message works), or type your answer.`,
  audioSilent: () =>
    'I could not hear any words in that recording. Check that your microphone is on and record it again, or type your answer.',
  transcribeFailed: () =>
    'Could not transcribe that recording just now. Please type your answer, or send the recording again in a minute; nothing from it was saved.',
  downloadFailed: () =>
    'Could not download that recording from the chat. Send it again in a minute, or type your answer.',
  alreadyReceived: () => 'This recording was already received; its feedback is on the way or above.',
  transcribing: (seconds: number | null) =>
    seconds === null
      ? 'Transcribing your answer…'
      : `Transcribing your ${minutesAndSeconds(seconds)} answer…`,
  /** Above the transcript: what was heard and how it was said, then the grade follows. */
  heard: (delivery: DeliveryReport | null) =>
    delivery
      ? `Heard ${minutesAndSeconds(delivery.seconds)} of speech. ${deliveryLine(delivery)}\n${delivery.note}`
      : 'Heard your answer (its length could not be measured, so there are no delivery figures this time).',
};

/** "148 words a minute · 2.1 fillers a minute (um ×3, like ×2) · 1 long pause". */
export function deliveryLine(delivery: DeliveryReport): string {
  const top = Object.entries(delivery.fillers)
    .slice(0, 3)
    .map(([word, count]) => `${word} ×${count}`)
    .join(', ');
  const parts = [
    `${delivery.wordsPerMinute} words a minute`,
    `${delivery.fillersPerMinute} fillers a minute${top ? ` (${top})` : ''}`,
  ];
  if (delivery.longPauses !== null) {
    const count = delivery.longPauses.length;
    parts.push(count === 0 ? 'no long pauses' : count === 1 ? '1 long pause' : `${count} long pauses`);
  }
  return `Delivery: ${parts.join(' · ')}.`;
}

const megabytes = (bytes: number) => bytes / (1024 * 1024);

/** What to tell the member about a recording that will not be transcribed. */
export function audioProblemText(problem: AudioRejected, maxSeconds: number): string {
  switch (problem.code) {
    case 'AUDIO_TOO_LARGE':
      return voiceMessages.audioTooLarge(
        megabytes(problem.figure ?? maxAudioBytes + 1),
        megabytes(maxAudioBytes),
      );
    case 'AUDIO_TOO_LONG':
      return voiceMessages.audioTooLong(problem.figure ?? maxSeconds + 1, maxSeconds);
    case 'AUDIO_FORMAT':
      return voiceMessages.audioFormat();
    case 'AUDIO_SILENT':
      return voiceMessages.audioSilent();
    case 'AUDIO_DOWNLOAD_FAILED':
      return voiceMessages.downloadFailed();
  }
}
