import { UserFacingError } from '../errors.ts';
import { messages } from './messages.ts';

/**
 * What counts as an answer, for every way one comes in (practice, Slack, Discord, `grade` by flag,
 * file or batch line), so that no path grades what another refuses.
 */
export const maxAnswerLength = 8000;

/** More control characters than this share is a binary file read as text, not something someone wrote. */
const maxControlShare = 0.1;

export type AnswerProblemCode = 'EMPTY_ANSWER' | 'ANSWER_TOO_LONG' | 'ANSWER_NOT_TEXT' | 'ANSWER_NOT_UTF8';

export class AnswerProblem extends UserFacingError {
  declare readonly code: AnswerProblemCode;

  constructor(code: AnswerProblemCode, message: string) {
    super(code, message);
  }
}

/** The problem with an answer's text, or null when it can be graded. */
export function checkAnswerText(text: string): AnswerProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return new AnswerProblem('EMPTY_ANSWER', messages.emptyAnswer());
  if (trimmed.length > maxAnswerLength) {
    return new AnswerProblem('ANSWER_TOO_LONG', messages.answerTooLong(maxAnswerLength, trimmed.length));
  }
  if (looksBinary(trimmed)) return new AnswerProblem('ANSWER_NOT_TEXT', messages.answerNotText());
  return null;
}

/**
 * Bytes from a file as answer text: UTF-8, with the byte-order mark some editors write at the start
 * taken off. Anything that is not UTF-8 is refused rather than graded as replacement characters.
 */
export function decodeAnswerBytes(bytes: Uint8Array): string | AnswerProblem {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new AnswerProblem('ANSWER_NOT_UTF8', messages.answerNotUtf8());
  }
}

function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  const controls = text.match(/[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]/g)?.length ?? 0;
  return controls > text.length * maxControlShare;
}
