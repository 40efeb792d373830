/**
 * Which recording formats a speech server takes, and which one a file is. The format is read from the
 * file's first bytes, not trusted from its name or type, and the upload is named after it: a Discord
 * `voice-message.ogg`, a Slack clip saved as `.mp4`, a phone's `.m4a` all reach the server as what they
 * are, and nothing is converted.
 */
export type AudioFormat = 'mp3' | 'mp4' | 'm4a' | 'wav' | 'webm' | 'ogg';

export const acceptedFormats: readonly AudioFormat[] = ['mp3', 'mp4', 'm4a', 'wav', 'webm', 'ogg'];

const mimeTypes: Record<AudioFormat, string> = {
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
};

export function mimeTypeOf(format: AudioFormat): string {
  return mimeTypes[format];
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** The format of a recording from its magic bytes, or null when it is none the server takes. */
export function sniffAudioFormat(bytes: Uint8Array, name = ''): AudioFormat | null {
  if (bytes.length < 12) return null;
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'wav';
  if (ascii(bytes, 0, 4) === 'OggS') return 'ogg';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // Audio-only MP4 (Apple's M4A brand, or a `.m4a` name) goes up as m4a; anything else as mp4.
    const brand = ascii(bytes, 8, 12);
    return brand.startsWith('M4A') || /\.m4a$/i.test(name) ? 'm4a' : 'mp4';
  }
  if (ascii(bytes, 0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame header: 11 sync bits, then a layer that is not "reserved".
  if (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) !== 0) return 'mp3';
  return null;
}

/**
 * Whether a posted file looks like a recording, from what the platform says before it is downloaded:
 * an audio or video type, or one of the accepted extensions. Used to tell voice answers from other
 * attachments (a screenshot is not an answer).
 */
export function looksLikeRecording(name: string, mimeType?: string | null): boolean {
  if (mimeType && /^(audio|video)\//i.test(mimeType)) return true;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension !== undefined && [...acceptedFormats, 'oga', 'opus', 'mpga', 'mpeg'].includes(extension);
}
