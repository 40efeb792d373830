import { type ActionId, type PointMark, pointMarks, type ScorecardMark } from '../../src/index.ts';

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

/**
 * Peer mock interviews' components. A card's ids carry the pair and the round, so a press on an old
 * round's card is refused by the core instead of marking the current one; a select's choice carries
 * the mark in its value (`point:2:covered`, `flag:0:on`).
 */
export const pairIds = {
  leave: 'starcoach:pair-leave',
  answer: 'starcoach:pair-answer',
  answerModal: 'starcoach:pair-answer-modal',
  open: (pairId: string) => `starcoach:pair-open:${pairId}`,
  mark: (pairId: string, round: 0 | 1, spec: string) => `starcoach:pair-mark:${pairId}:${round}:${spec}`,
  /** A select menu of marks: `index` keeps the menus of one card apart. */
  select: (pairId: string, round: 0 | 1, index: number) =>
    `starcoach:pair-mark:${pairId}:${round}:select-${index}`,
  submit: (pairId: string, round: 0 | 1) => `starcoach:pair-submit:${pairId}:${round}`,
  end: (pairId: string) => `starcoach:pair-end:${pairId}`,
} as const;

/** What a pairing component asks for, decoded from its id (and a select's chosen value). */
export type PairComponent =
  | { type: 'leave' }
  | { type: 'answer' }
  | { type: 'answer-modal' }
  | { type: 'open'; pairId: string }
  | { type: 'mark'; pairId: string; round: 0 | 1; mark: ScorecardMark }
  | { type: 'submit'; pairId: string; round: 0 | 1 }
  | { type: 'end'; pairId: string };

/** A pairing component's meaning; null for ids that are not pairing ones (or not of this version). Pure. */
export function decodePairComponent(customId: string, values: readonly string[] = []): PairComponent | null {
  if (customId === pairIds.leave) return { type: 'leave' };
  if (customId === pairIds.answer) return { type: 'answer' };
  if (customId === pairIds.answerModal) return { type: 'answer-modal' };
  const match = /^starcoach:pair-(open|mark|submit|end):([^:]+)(?::([01]))?(?::(.+))?$/.exec(customId);
  if (!match) return null;
  const [, verb, pairId = '', roundText, specText] = match;
  const round = Number(roundText) as 0 | 1;
  if (verb === 'open') return roundText === undefined ? { type: 'open', pairId } : null;
  if (verb === 'end') return roundText === undefined ? { type: 'end', pairId } : null;
  if (roundText === undefined) return null;
  if (verb === 'submit') return specText === undefined ? { type: 'submit', pairId, round } : null;
  const spec = specText?.startsWith('select-') ? values[0] : specText;
  const mark = spec ? decodeMark(spec) : null;
  return mark ? { type: 'mark', pairId, round, mark } : null;
}

function decodeMark(spec: string): ScorecardMark | null {
  const [kind, first, second, ...rest] = spec.split(':');
  if (rest.length || !first || !/^\d+$/.test(first)) return null;
  const index = Number(first);
  if (kind === 'overall') return second === undefined ? { kind: 'overall', score: index } : null;
  if (kind === 'point' && (pointMarks as readonly string[]).includes(second ?? ''))
    return { kind: 'point', index, mark: second as PointMark };
  if (kind === 'flag' && (second === 'on' || second === 'off'))
    return { kind: 'flag', index, heard: second === 'on' };
  return null;
}
