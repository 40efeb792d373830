/** A recording ready to send: its bytes and the format they were found to be in. */
export interface AudioUpload {
  bytes: Uint8Array;
  /** A neutral name with the format's extension (`answer.ogg`): speech servers read the format from it. */
  filename: string;
  mimeType: string;
}

/** A word or a segment with its place in the recording, in seconds. */
export interface TimedText {
  text: string;
  start: number;
  end: number;
}

/** What a speech server heard. Timestamps are there only when the model gives them. */
export interface Transcription {
  text: string;
  /** The recording's length as the server measured it, when it says. */
  durationSeconds: number | null;
  words: TimedText[] | null;
  segments: TimedText[] | null;
}

/** How an answer was said, measured from its transcript's timing (see delivery.ts). */
export interface DeliveryReport {
  /** Speaking time, from the first word to the last where timestamps exist, else the clip's length. */
  seconds: number;
  wordsPerMinute: number;
  /** Filler word or phrase -> times said, most frequent first. */
  fillers: Record<string, number>;
  fillersPerMinute: number;
  /** Silences of two seconds or more between words; null when the transcription had no timestamps. */
  longPauses: { atSeconds: number; seconds: number }[] | null;
  /** One line of coaching on delivery. */
  note: string;
}
