import type { DeliveryReport } from './voice-types.ts';

/** Interview answers land best at a conversational pace: codes and numbers need room. */
export const comfortablePace = { min: 120, max: 165 } as const;

const minutesAndSeconds = (seconds: number) => {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/**
 * The one thing to change about how an answer was said, most important first: pace, then fillers,
 * then pauses, then length. Pure, so the terminal, Slack and Discord say the same.
 */
export function deliveryNote(figures: Omit<DeliveryReport, 'note'>): string {
  const { seconds, wordsPerMinute, fillers, fillersPerMinute, longPauses } = figures;
  const pace = `about ${wordsPerMinute} words a minute`;
  if (seconds >= 10 && wordsPerMinute > comfortablePace.max) {
    return `${capital(pace)}: slow down, above all for codes and numbers (aim for 130–160).`;
  }
  if (seconds >= 15 && wordsPerMinute < comfortablePace.min - 20) {
    return `${capital(pace)}: a little quicker will sound surer (aim for 130–160); outline your points first.`;
  }
  const top = Object.keys(fillers)[0];
  if (fillersPerMinute >= 4 && top) {
    return `${fillersPerMinute} fillers a minute, mostly "${top}": pause silently instead; a short silence sounds confident.`;
  }
  if (longPauses && longPauses.length >= 3) {
    return `${longPauses.length} long pauses: sketch Situation, Task, Action and Result before you start speaking.`;
  }
  if (seconds < 20) {
    return `Only ${minutesAndSeconds(seconds)}: a full answer usually takes one to two minutes; add the steps and the result.`;
  }
  if (seconds > 180) {
    return `${minutesAndSeconds(seconds)} long: aim for about two minutes; lead with what you did and how it ended.`;
  }
  return `Steady delivery (${pace}, ${fillersPerMinute} fillers a minute): keep it up.`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export { minutesAndSeconds };
