import { type Attachment, type Message, MessageFlags } from 'discord.js';
import { type AudioClip, looksLikeRecording, readAtMost } from '../../src/index.ts';

/** What Discord says of an attached file, as discord.js gives it (`duration` is `duration_secs`). */
export type AttachedFile = Pick<Attachment, 'name' | 'contentType' | 'size' | 'url' | 'duration'>;

export function isRecording(file: AttachedFile): boolean {
  return looksLikeRecording(file.name, file.contentType);
}

/**
 * An attached recording for the core. Its size and a voice message's length come from Discord, so the
 * core refuses a file too big or too long before anything is downloaded. The CDN link is signed and
 * needs no token; it is fetched only when the core asks, and never past `maxBytes`.
 */
export function attachedClip(file: AttachedFile): AudioClip {
  return {
    name: file.name,
    mimeType: file.contentType,
    sizeBytes: file.size,
    durationSeconds: file.duration ?? null,
    async load({ maxBytes, signal }) {
      const response = await fetch(file.url, { signal });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`attachment download failed: HTTP ${response.status}`);
      }
      // An expired or blocked link can answer 200 with a page instead of the file.
      if (/^text\/html/i.test(response.headers.get('content-type') ?? '')) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error('attachment download returned a web page');
      }
      return readAtMost(response.body, maxBytes);
    },
  };
}

/**
 * The recording a message carries, if any: a voice message recorded in the app (its one file), or an
 * audio or video file posted in the thread. Screenshots and documents are not answers.
 */
export function recordingOf(message: Pick<Message, 'flags' | 'attachments'>): AudioClip | null {
  const files = [...message.attachments.values()];
  const voice = message.flags.has(MessageFlags.IsVoiceMessage) ? files[0] : undefined;
  const file = voice ?? files.find(isRecording);
  return file ? attachedClip(file) : null;
}
