import type { ActionId } from '../../src/index.ts';

/**
 * Component ids: `starcoach:<name>` or `starcoach:<name>:<questionId>`. Stable strings, since buttons on
 * old messages keep working after a restart; the question id lets the core refuse a late press on an
 * earlier question's button instead of acting on the current one.
 */
export const customIds = {
  prefix: 'starcoach:',
  answerInput: 'answer',
  forgetConfirm: 'starcoach:forget-confirm',
  forgetCancel: 'starcoach:forget-cancel',
  action: (id: ActionId, questionId?: string) => withQuestion(`starcoach:${id}`, questionId),
  answer: (questionId?: string) => withQuestion('starcoach:answer', questionId),
  answerModal: (questionId?: string) => withQuestion('starcoach:answer-modal', questionId),
} as const;

// Discord caps a custom id at 100 characters; a longer question id is left out rather than cut.
const customIdLimit = 100;

function withQuestion(base: string, questionId: string | undefined): string {
  const full = `${base}:${questionId}`;
  return questionId && full.length <= customIdLimit ? full : base;
}

/** `starcoach:hint:q1` → `{ name: 'hint', questionId: 'q1' }`; null for ids that are not ours. */
export function parseCustomId(customId: string): { name: string; questionId?: string } | null {
  if (!customId.startsWith(customIds.prefix)) return null;
  const rest = customId.slice(customIds.prefix.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return { name: rest };
  return { name: rest.slice(0, colon), questionId: rest.slice(colon + 1) };
}

/** The longest answer the modal takes: Discord's own cap on a text input. */
export const answerMaxLength = 4000;
