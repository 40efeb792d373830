import type { types } from '@slack/bolt';
import {
  type PairMessage,
  type PointMark,
  pairMessages,
  pointMarks,
  type ScorecardMark,
  type ScorecardView,
} from '../../src/index.ts';
import {
  type Block,
  blockLimit,
  escapeMrkdwn,
  header,
  type SlackMessage,
  section,
  textSections,
  toMessages,
} from './blocks.ts';
import { wording } from './wording.ts';

/** Every pairing button starts so; the rest of the id keeps buttons of one card distinct. */
export const pairActionPrefix = 'starcoach:pair:';
export const leaveQueueId = `${pairActionPrefix}leave`;

type ButtonElement = types.Button;

/** What a pairing button asks for, decoded from its action_id and value. */
export type PairAction =
  | { type: 'leave'; channel: string | null }
  | { type: 'mark'; pairId: string; round: 0 | 1; mark: ScorecardMark }
  | { type: 'submit'; pairId: string; round: 0 | 1 }
  | { type: 'end'; pairId: string };

/** A mention stays a mention (only the two members are ever named); everything else is escaped. */
export function withMentions(mrkdwn: string): string {
  return mrkdwn.replace(/&lt;@([UW][A-Z0-9]+)&gt;/g, '<@$1>');
}

/** The value of a card's button: the session, the round the card is for, and what the press does. */
function cardValue(card: ScorecardView, spec: string): string {
  return `${card.pairId}|${card.round}|${spec}`;
}

function button(
  card: ScorecardView,
  spec: string,
  label: string,
  style?: 'primary' | 'danger',
): ButtonElement {
  return {
    type: 'button',
    // The action_id names the line (unique in the card); the value says what pressing it sets.
    action_id: `${pairActionPrefix}${spec.replace(/:(on|off)$/, '')}`,
    text: { type: 'plain_text', text: label.slice(0, 75) },
    value: cardValue(card, spec),
    ...(style ? { style } : {}),
  };
}

const markLabel: Record<PointMark, () => string> = {
  covered: wording.pairCovered,
  partly: wording.pairPartly,
  missed: wording.pairMissed,
};

function pointButtons(card: ScorecardView, point: ScorecardView['keyPoints'][number], numbered: boolean) {
  return pointMarks.map((mark) =>
    button(
      card,
      `point:${point.index}:${mark}`,
      numbered ? `${point.index + 1} ${markLabel[mark]()}` : markLabel[mark](),
      point.mark === mark ? 'primary' : undefined,
    ),
  );
}

function flagButton(card: ScorecardView, flag: ScorecardView['redFlags'][number], numbered: boolean) {
  const label = flag.heard ? wording.pairHeardOn() : wording.pairHeard();
  return button(
    card,
    `flag:${flag.index}:${flag.heard ? 'off' : 'on'}`,
    numbered ? `${flag.index + 1} ${label}` : label,
    flag.heard ? 'primary' : undefined,
  );
}

function overallButtons(card: ScorecardView): ButtonElement[] {
  return [1, 2, 3, 4, 5].map((score) =>
    button(card, `overall:${score}`, String(score), card.overall === score ? 'primary' : undefined),
  );
}

function head(card: ScorecardView): Block[] {
  return [
    header(wording.pairCardTitle(card.round)),
    section(`${wording.pairCardFor(card.candidate)}\n*${wording.pairAsk()}* ${escapeMrkdwn(card.question)}`),
    ...textSections(card.checking, `*${wording.pairChecking()}*`),
  ];
}

function tail(card: ScorecardView): Block[] {
  const blocks: Block[] = [];
  if (card.followUps.length)
    blocks.push(
      ...textSections(card.followUps.map((text) => `• ${text}`).join('\n'), `*${wording.pairFollowUps()}*\n`),
    );
  blocks.push(section(`*${wording.pairOverall()}*`), { type: 'actions', elements: overallButtons(card) });
  const finish = [
    ...(card.complete ? [button(card, 'submit', wording.pairSubmit(), 'primary')] : []),
    button(card, 'end', wording.pairEnd(), 'danger'),
  ];
  blocks.push({ type: 'actions', elements: finish });
  if (!card.complete)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(pairMessages.incomplete) }],
    });
  return blocks;
}

/** A section and a row of buttons per key point; a section with a toggle per red flag. */
function roomyLines(card: ScorecardView): Block[] {
  return [
    section(`*${wording.pairKeyPoints()}*`),
    ...card.keyPoints.flatMap((point): Block[] => [
      section(`${point.index + 1}. ${escapeMrkdwn(point.label)}`.slice(0, 3000)),
      { type: 'actions', elements: pointButtons(card, point, false) },
    ]),
    section(`*${wording.pairRedFlags()}*`),
    ...card.redFlags.map(
      (flag): Block => ({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${escapeMrkdwn(flag.label)}: _${escapeMrkdwn(flag.why)}_`.slice(0, 3000),
        },
        accessory: flagButton(card, flag, false),
      }),
    ),
  ];
}

/** For long cards: the lines listed once, numbered buttons per key point, every flag in one row. */
function compactLines(card: ScorecardView): Block[] {
  const points = card.keyPoints.map((point) => `${point.index + 1}. ${point.label}`).join('\n');
  const flags = card.redFlags.map((flag) => `${flag.index + 1}. ${flag.label}: ${flag.why}`).join('\n');
  return [
    ...textSections(points, `*${wording.pairKeyPoints()}*\n`),
    ...card.keyPoints.map((point): Block => ({ type: 'actions', elements: pointButtons(card, point, true) })),
    ...textSections(flags, `*${wording.pairRedFlags()}*\n`),
    { type: 'actions', elements: card.redFlags.slice(0, 25).map((flag) => flagButton(card, flag, true)) },
  ];
}

/**
 * The interviewer's card: per key point covered/partly/missed (the current mark styled primary), per
 * red flag a "heard" toggle, overall 1–5, Submit (once complete) and End. Always one message: a card
 * too long for Slack's 50 blocks is laid out compactly.
 */
export function scorecardBlocks(card: ScorecardView): Block[] {
  const roomy = [...head(card), ...roomyLines(card), ...tail(card)];
  return roomy.length <= blockLimit ? roomy : [...head(card), ...compactLines(card), ...tail(card)];
}

function mentioning(messages: SlackMessage[]): SlackMessage[] {
  return messages.map((message) => ({
    text: withMentions(message.text),
    blocks: message.blocks.map((block) =>
      block.type === 'section' && block.text
        ? { ...block, text: { ...block.text, text: withMentions(block.text.text) } }
        : block,
    ),
  }));
}

/** A message of a peer session as Slack shows it. */
export function renderPairMessage(message: PairMessage): SlackMessage[] {
  if (message.type === 'scorecard')
    return mentioning(toMessages(scorecardBlocks(message.card), message.text));
  return mentioning(toMessages(textSections(message.text), message.text));
}

/**
 * A short answer to a command or a press, with the Leave queue button when the member is waiting
 * (`channel`: where they joined, which says whose queue to leave; undefined for no button).
 */
export function pairReply(text: string, channel: string | null | undefined): SlackMessage[] {
  const blocks: Block[] = textSections(text);
  if (channel !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: leaveQueueId,
          text: { type: 'plain_text', text: wording.pairLeaveQueue() },
          value: channel ?? '',
        },
      ],
    });
  }
  return mentioning(toMessages(blocks, text));
}

function decodeMark(spec: string[]): ScorecardMark | null {
  const [kind, first, second] = spec;
  const index = Number(first);
  if (kind === 'overall') return Number.isInteger(index) ? { kind: 'overall', score: index } : null;
  if (!Number.isInteger(index) || index < 0) return null;
  if (kind === 'point' && (pointMarks as readonly string[]).includes(second ?? ''))
    return { kind: 'point', index, mark: second as PointMark };
  if (kind === 'flag' && (second === 'on' || second === 'off'))
    return { kind: 'flag', index, heard: second === 'on' };
  return null;
}

/** A pairing button's press; null for anything this version did not render. Pure. */
export function decodePairAction(actionId: string, value: string | undefined): PairAction | null {
  if (actionId === leaveQueueId) return { type: 'leave', channel: value ? value : null };
  if (!actionId.startsWith(pairActionPrefix) || !value) return null;
  const parts = value.split('|');
  if (parts.length !== 3) return null;
  const [pairId, roundText, specText] = parts as [string, string, string];
  if (!pairId || (roundText !== '0' && roundText !== '1')) return null;
  const spec = specText.split(':');
  const round = Number(roundText) as 0 | 1;
  if (spec[0] === 'submit') return { type: 'submit', pairId, round };
  if (spec[0] === 'end') return { type: 'end', pairId };
  const mark = decodeMark(spec);
  return mark ? { type: 'mark', pairId, round, mark } : null;
}
