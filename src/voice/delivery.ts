import { deliveryNote } from './delivery-note.ts';
import { countFillers, countWords } from './fillers.ts';
import type { DeliveryReport, TimedText, Transcription } from './voice-types.ts';

/** A silence this long between words is a pause a listener notices. */
export const longPauseSeconds = 2;

const round1 = (value: number) => Math.round(value * 10) / 10;

/** From the first word's start to the last word's end, when the transcription timed them. */
function spokenSpan(timed: TimedText[] | null): number | null {
  if (!timed || timed.length === 0) return null;
  const span = timed.at(-1)!.end - timed[0]!.start;
  return span > 0 ? span : null;
}

/** Silences between consecutive timed words (or segments, when only those were timed). */
function pausesBetween(timed: TimedText[]): { atSeconds: number; seconds: number }[] {
  const pauses: { atSeconds: number; seconds: number }[] = [];
  for (let index = 1; index < timed.length; index++) {
    const gap = timed[index]!.start - timed[index - 1]!.end;
    if (gap >= longPauseSeconds)
      pauses.push({ atSeconds: round1(timed[index - 1]!.end), seconds: round1(gap) });
  }
  return pauses;
}

/**
 * Pace, fillers and pauses of a spoken answer. `clipSeconds` is the recording's own length, used when
 * the speech server timed nothing. Null when neither says how long the answer took. Pure.
 */
export function analyseDelivery(
  transcription: Transcription,
  clipSeconds: number | null,
): DeliveryReport | null {
  const timed = transcription.words ?? transcription.segments;
  const seconds = spokenSpan(timed) ?? transcription.durationSeconds ?? clipSeconds;
  if (seconds === null || seconds <= 0) return null;
  const minutes = seconds / 60;
  const words = transcription.words?.length || countWords(transcription.text);
  const fillers = countFillers(transcription.text);
  const fillerCount = Object.values(fillers).reduce((sum, count) => sum + count, 0);
  const figures = {
    seconds: round1(seconds),
    wordsPerMinute: Math.round(words / minutes),
    fillers,
    fillersPerMinute: round1(fillerCount / minutes),
    longPauses: timed && timed.length > 0 ? pausesBetween(timed) : null,
  };
  return { ...figures, note: deliveryNote(figures) };
}
