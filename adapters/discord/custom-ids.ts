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
  /** The Answer button on a posted drill, and its modal: the answer belongs in the drill's thread. */
  drillAnswer: (questionId?: string) => withQuestion('starcoach:drill-answer', questionId),
  drillModal: (questionId?: string) => withQuestion('starcoach:drill-modal', questionId),
} as const;

// Discord caps a custom id at 100 characters; a longer question id is left out rather than cut.
const customIdLimit = 100;

function withQuestion(base: string, questionId: string | undefined): string {
  const full = `${base}:${questionId}`;
  return questionId && full.length <= customIdLimit ? full : base;
}

/**
 * `starcoach:hint:q1` → `{ name: 'hint', questionId: 'q1' }`; null for ids that are not ours.
 * `starcoach:hint@t1:q1` also names the thread the button acts in (see `inThread`).
 */
export function parseCustomId(
  customId: string,
): { name: string; questionId?: string; thread?: string } | null {
  if (!customId.startsWith(customIds.prefix)) return null;
  const rest = customId.slice(customIds.prefix.length);
  const colon = rest.indexOf(':');
  const head = colon < 0 ? rest : rest.slice(0, colon);
  const at = head.indexOf('@');
  const name = at < 0 ? head : head.slice(0, at);
  return {
    name,
    ...(at < 0 ? {} : { thread: head.slice(at + 1) }),
    ...(colon < 0 ? {} : { questionId: rest.slice(colon + 1) }),
  };
}

/**
 * A button's id bound to a thread: on a private (ephemeral) message about a posted drill, the press
 * arrives from the channel, and the id says which drill thread's session it is for.
 */
export function inThread(customId: string, thread: string): string {
  const parsed = parseCustomId(customId);
  if (
    !parsed ||
    parsed.thread ||
    customId === customIds.forgetConfirm ||
    customId === customIds.forgetCancel
  ) {
    return customId;
  }
  const bound = `starcoach:${parsed.name}@${thread}${parsed.questionId ? `:${parsed.questionId}` : ''}`;
  if (bound.length <= customIdLimit) return bound;
  const short = `starcoach:${parsed.name}@${thread}`;
  return short.length <= customIdLimit ? short : customId;
}

/** The longest answer the modal takes: Discord's own cap on a text input. */
export const answerMaxLength = 4000;
