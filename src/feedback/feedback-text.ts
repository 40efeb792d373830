/**
 * Every sentence the offline grader says, in one place: feedback and follow-up questions.
 * Keep the coach's voice plain: quote the answer, name the gap in the pack's words, give one next step.
 */
import type { StarPart, StarPartState } from '../core/grade-types.ts';

/** Ensure a sentence ends with punctuation. */
export function endSentence(text: string): string {
  const t = text.trim();
  return /[.!?…]["”')]*$/.test(t) ? t : `${t}.`;
}

/** The first sentence of a text: a red flag's `why` is said once, briefly. */
function firstSentence(text: string): string {
  return text.trim().split(/(?<=[.!?])\s+(?=[A-Z])/)[0] ?? text;
}

function lowerFirst(text: string): string {
  const t = text.trim().replace(/[.!?]+$/, '');
  // Keep acronyms and codes ("ICD-10-CM", "NCCI") as they are; "A systematic…" and "I…" words are not.
  return /^([A-Z][a-z]|A\s)/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;
}

const BRIEF_WORDS = 25;

/**
 * What the interviewer is checking, in a few words: the first sentence of the pack's `checking`,
 * up to its first colon ("Coachability: you listened…" → "Coachability"), shortened at a clause
 * break when still long.
 */
export function briefChecking(checking: string): string {
  let brief = checking.trim().split(/(?<=[.!?])\s+/)[0] ?? checking;
  const colon = brief.search(/[:;—]/);
  if (colon > 0) brief = brief.slice(0, colon);
  const words = brief.split(/\s+/);
  if (words.length > BRIEF_WORDS) {
    const comma = words.findIndex((w, i) => i >= 8 && /[,;]$/.test(w));
    brief = words.slice(0, comma > 0 ? comma + 1 : BRIEF_WORDS).join(' ');
  }
  return brief.replace(/[\s.,;:!?]+$/, '');
}

export const STAR_NAMES: Record<StarPart, string> = {
  situation: 'situation',
  task: 'task',
  action: 'action',
  result: 'result',
};

// ---------------------------------------------------------------- follow-up questions

export const followUpText = {
  story:
    'Tell me about one specific time: where were you, what did you do yourself, and what happened in the end?',
  star: {
    result: 'What was the result? Give me a number or a concrete change: what was different afterwards?',
    action: 'Walk me through what you did yourself, step by step.',
    actionWe: 'What did *you* do yourself, step by step, rather than the team?',
    task: 'What were you responsible for there, and what did you need to achieve?',
    situation: 'Set the scene: where were you working, when was this, and what was going on?',
  },
  keyPoint: (label: string): string => `What about ${lowerFirst(label)}? How would that come into it here?`,
  redFlag: (label: string): string =>
    `An interviewer would stop you at "${lowerFirst(label)}". What would you do instead, and why?`,
  generic: [
    'Can you walk me through one concrete example, step by step?',
    'What would you do differently next time, and why?',
  ] as const,
};

// ---------------------------------------------------------------- feedback: opening (quotes the answer)

export const openingText = {
  redFlag: (quote: string, why: string): string =>
    `You said "${quote}", and that is a red flag: ${endSentence(firstSentence(why))}`,
  instruction: (quote: string): string =>
    `You said "${quote}"; the instructions to the grader in your answer are ignored and earn nothing.`,
  instructionNoQuote: 'Instructions to the grader are ignored and earn nothing.',
  repeats: (quote: string): string =>
    `You said "${quote}", which mostly restates the question, so it earns nothing yet.`,
  stuffing: (quote: string): string =>
    `Listing terms like "${quote}" earns nothing on its own; an interviewer needs sentences that say what you did.`,
  tooShort: (quote: string): string => `You said "${quote}", which is too short to show how you work.`,
  empty: 'There was not enough of an answer to grade.',
  weAction: (quote: string): string =>
    `You said "${quote}", which tells me what the team did, not what you did.`,
  covered: (quote: string, label: string): string =>
    `You said "${quote}", which covers the key point "${label}".`,
  starPart: (quote: string, part: StarPart): string =>
    `You said "${quote}", which gives a clear ${STAR_NAMES[part]}.`,
  addedNothing: (quote: string): string =>
    `You added "${quote}", which does not cover another key point yet; your first answer still counts.`,
  nothing: (quote: string): string =>
    `You said "${quote}", but that does not yet show any of the key points.`,
};

// ---------------------------------------------------------------- feedback: the gap and why it matters

const STAR_WHY: Record<StarPart, string> = {
  result: 'the result is what proves your actions worked.',
  action: 'the interviewer is hiring you, not your team, so they need your own steps.',
  task: 'without your goal or responsibility, the interviewer cannot judge your choices.',
  situation: 'a specific time and place makes the story believable.',
};

export const gapText = {
  dismissed: (label: string): string =>
    `You waved away "${lowerFirst(label)}", and that is exactly what an interviewer listens for here.`,
  missingPoint: (label: string, checking: string): string =>
    `You didn't cover "${label}", which matters here: the interviewer is checking ${lowerFirst(briefChecking(checking))}.`,
  starGap: (part: StarPart, state: StarPartState): string =>
    `Your ${STAR_NAMES[part]} is ${state === 'missing' ? 'missing' : 'thin'}: ${STAR_WHY[part]}`,
  allCovered: (behavioral: boolean): string =>
    behavioral ? 'You covered every key point and each STAR part.' : 'You covered every key point.',
};

// ---------------------------------------------------------------- feedback: one next step

export const nextStepText = {
  story:
    'Next step: pick one real example and tell it in order: the situation, your task, what you did, and the result.',
  star: {
    result: 'Next step: end with the result, a number, a change, or what happened afterwards.',
    action: 'Next step: add the steps you took, in order, each starting with "I".',
    actionWe: 'Next step: retell it with "I" and name two or three things you did yourself.',
    task: 'Next step: add one sentence on what you were responsible for.',
    situation: 'Next step: open with one sentence on where and when this happened.',
  },
  keyPoint: (label: string): string => `Next step: add a sentence that shows "${label}".`,
  redFlag: 'Next step: say plainly what you would do instead, and why.',
  redFlagInstead: (instead: string): string => `Instead: ${endSentence(firstSentence(instead))}`,
  followUp: 'Next step: answer the follow-up with one concrete example.',
  strong: 'Next step: keep this structure and practise saying it in about a minute.',
  good: 'Next step: add one more specific detail, a code, a number or a named step, to make it hire-level.',
};
