import { cohortMessages } from './cohort-messages.ts';
import { dashboardMessages } from './dashboard-messages.ts';
import type { ActionId, ReplyAction } from './ports.ts';
import { rosterMessages } from './roster-messages.ts';
import { voiceMessages } from './voice-messages.ts';

/**
 * Every sentence the core says, in one place and platform-neutral. Each adapter keeps its own labels,
 * markup and command names in its own `wording.ts`, and never rewords the core's sentences.
 */
export const messages = {
  unknownPack: (id: string, known: string[]) =>
    `There is no pack called "${id}". Choose one of: ${known.join(', ')}.`,
  noQuestions: (filters: string) =>
    `No questions match ${filters}. Try another kind or level, or leave them out to mix everything.`,
  sessionActive: (number: number, total: number, packTitle: string) =>
    `You have a ${packTitle} session in progress (question ${number} of ${total}). Resume it, or start over?`,
  sessionExpired: () =>
    'Your last session was idle for 24 hours and has expired; your answers so far are saved in your progress.',
  noSession: () => 'You have no session running here. Start one first.',
  staleAction: () => 'That button belongs to an earlier question. Use the buttons under the current one.',
  notYourSession: () => 'This session belongs to someone else. Start your own to practise.',
  emptyAnswer: () => 'That answer is empty. Write your answer as a few sentences, then send it.',
  answerTooLong: (limit: number, length: number) =>
    `That answer is ${length} characters; the limit is ${limit}. Shorten it to the essentials and send it again.`,
  answerNotText: () =>
    'That answer looks like binary data (NUL bytes or mostly control characters), not text. Send it as plain text.',
  answerNotUtf8: () => 'That answer is not valid UTF-8 text. Save it as UTF-8 plain text and send it again.',
  gradingPlaceholder: () => 'Grading your answer…',
  alreadyGrading: () => 'Still grading your previous answer; send this one again once the feedback is in.',
  offlineFallback: () => 'The AI grader was unavailable, so the built-in grader scored this answer.',
  budgetFallback: () =>
    'You have used today’s AI feedback budget, so the built-in grader scored this answer.',
  recovered: () => 'Picking up the answer you sent before the interruption.',
  noMoreHints: () => 'No more hints for this question. Try answering, or ask to see a strong answer.',
  hintFromPoint: (label: string) => `Think about: ${label}.`,
  skipped: () => 'Skipped. It will come back in a later session.',
  nothingToAnswer: () => 'This question is done. Use Next to continue.',
  sessionEnded: () => 'Session ended.',
  forgotten: (count: number) =>
    count === 0 ? 'There was nothing stored about you.' : `Deleted all your data (${count} records).`,
  notAllowedToConfigure: () =>
    'Only workspace or server admins and instructors can see or change these settings. Ask one of them.',
  invalidDrillTime: (value: string) => `"${value}" is not a time. Use 24-hour HH:MM, like 09:00 or 17:30.`,
  invalidTimeZone: (value: string) =>
    `"${value}" is not a timezone I know. Use an IANA name like America/New_York, Europe/Berlin or UTC.`,
  invalidWeekdays: () => 'Weekdays are numbers from 0 (Sunday) to 6 (Saturday), or names like mon,tue,wed.',
  invalidDate: (value: string) => `"${value}" is not a date. Use YYYY-MM-DD, like 2026-12-24.`,
  drillComplete: (score: number | null) =>
    score === null
      ? 'That was today’s drill. A new question comes tomorrow.'
      : `That was today’s drill: ${score}/5. A new question comes tomorrow.`,
  drillDone: (score: number | null) =>
    score === null
      ? 'You have already had today’s question. A new one comes tomorrow.'
      : `You have already answered today’s question (${score}/5). A new one comes tomorrow.`,
  internalError: () => 'Something broke on our side. Your session is saved; try again in a moment.',
  /** The platform refused a reply (a `DeliveryError`); adapters may say it in their platform's terms. */
  deliveryFailed: (code: string) => {
    if (code === 'DELIVERY_FORBIDDEN')
      return 'I’m not allowed to post there. Check that I can post in this place, then try again.';
    if (code === 'DELIVERY_RATE_LIMITED')
      return 'I’m being slowed down right now. Wait a few seconds and try again.';
    return 'My reply didn’t get through. Try again in a moment.';
  },
  unknownQuestion: (id: string, packId: string) => `The pack ${packId} has no question "${id}".`,
  summaryNoAnswers: () => 'No answers this time, so there is nothing to score yet.',
  nextPracticeWeak: (competency: string, packTitle: string) =>
    `another ${packTitle} round weighted toward ${competency}`,
  nextPracticeKind: (kind: string, packTitle: string) => `a ${kind} round of ${packTitle}`,
  workOnStar: (part: string, missing: number, total: number) =>
    `${capitalize(part)} in your STAR stories (${missing} of ${total} ${missing === 1 ? 'was' : 'were'} thin or missing)`,
  workOnRedFlag: (label: string) => `Drop the red flag "${label}"`,
  workOnMissedPoint: (label: string) => `Cover "${label}"`,
  ...cohortMessages,
  ...rosterMessages,
  ...voiceMessages,
  ...dashboardMessages,
} as const;

const actionLabels: Record<ActionId, string> = {
  hint: 'Hint',
  skip: 'Skip',
  next: 'Next',
  end: 'End',
  sample: 'Show a strong answer',
  resume: 'Resume',
  restart: 'Start over',
};

export function actions(...ids: ActionId[]): ReplyAction[] {
  return ids.map((id) => ({ id, label: actionLabels[id] }));
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Words in competency slugs that are abbreviations, as people write them. */
const ABBREVIATIONS: Record<string, string> = {
  hipaa: 'HIPAA',
  ncci: 'NCCI',
  cpt: 'CPT',
  hcpcs: 'HCPCS',
  icd: 'ICD',
  mdm: 'MDM',
  drg: 'DRG',
  cdi: 'CDI',
  ehr: 'EHR',
  phi: 'PHI',
  star: 'STAR',
};

/** A competency slug as people say it: "e-m-levels" → "E/M levels", "hipaa" → "HIPAA". */
export function competencyName(slug: string): string {
  return slug
    .replace(/^e-m(?=-|$)/, 'E/M')
    .split('-')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}
