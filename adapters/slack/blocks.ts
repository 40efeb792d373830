import type { types } from '@slack/bolt';
import { type ReplyAction, splitText } from '../../src/index.ts';
import { actionPrefix, answerPrivatelyId, encodeButtonValue } from './to-event.ts';
import { wording } from './wording.ts';

export type Block = types.KnownBlock;

/** One Slack message: `text` is the notification and screen-reader fallback, `blocks` what people see. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's limits: section text 3,000 characters, 50 blocks a message, context text 2,000 characters. */
export const sectionLimit = 3000;
export const blockLimit = 50;
const contextLimit = 2000;
const fallbackLimit = 3000;

/**
 * Text from the core or a user, safe in mrkdwn: no `<!channel>` pings, no fake links. A bare channel
 * link `<#C123>` stays one (the core names cohorts that way; it pings nobody, and Slack shows the
 * channel's real name).
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/&lt;#([CG][A-Z0-9]+)&gt;/g, '<#$1>');
}

/**
 * Sections for text that may be long: split (never cut) so each escaped piece fits Slack's limit.
 * `lead` is trusted mrkdwn (a bold label) put before the first piece.
 */
export function textSections(raw: string, lead = '', limit = sectionLimit): Block[] {
  // Slack refuses a section with empty text.
  if (raw.trim() === '') return lead ? [section(lead)] : [];
  const room = limit - lead.length - 1;
  return fitPieces(raw, room).map((piece, index) =>
    section(index === 0 && lead ? `${lead} ${piece}` : piece),
  );
}

/**
 * Someone's own words shown as a quote: every line escaped and marked `> ` (an escaped `>` cannot end
 * the quote or start a link), in as many sections as Slack's limit needs.
 */
export function quotedSections(raw: string, limit = sectionLimit): Block[] {
  const quoted = raw
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .flatMap((line) => fitPieces(line.trim(), limit - 2).map((piece) => `> ${piece}`));
  const blocks: Block[] = [];
  let current = '';
  for (const line of quoted) {
    if (current && current.length + 1 + line.length > limit) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

function fitPieces(raw: string, limit: number, splitAt = limit): string[] {
  return splitText(raw, splitAt).flatMap((piece) => {
    const escaped = escapeMrkdwn(piece);
    if (escaped.length <= limit) return [escaped];
    // Entities made the piece longer than the limit: split it again, smaller in proportion. An entity is
    // at most 5 characters, so a piece of limit / 5 always fits.
    const smaller = Math.max(Math.floor(limit / 5), Math.floor((limit * piece.length) / escaped.length));
    return fitPieces(piece, limit, Math.min(smaller, piece.length - 1));
  });
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

export function header(plain: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: plain.slice(0, 150), emoji: true } };
}

/** Small grey lines (notes); each element holds at most 2,000 characters. */
export function context(lines: readonly string[]): Block[] {
  return lines
    .filter((line) => line.trim() !== '')
    .flatMap((line) =>
      fitPieces(line, contextLimit).map(
        (piece): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: piece }] }),
      ),
    );
}

export function fields(mrkdwn: readonly string[]): Block {
  return { type: 'section', fields: mrkdwn.slice(0, 10).map((text) => ({ type: 'mrkdwn', text })) };
}

/** Where the buttons of one reply live, so a press finds its way back. */
export interface ButtonContext {
  /** The session's thread. */
  thread?: string;
  /** The reply belongs to an answer sent privately: presses on it stay private too. */
  privately?: boolean;
}

type ButtonElement = Extract<Block, { type: 'actions' }>['elements'][number];

/**
 * Buttons for the core's actions. The value carries the session's thread (a press on an ephemeral
 * message comes without it) and the question the button was shown with (the core refuses a press on an
 * earlier question's button). `lead` is the adapter's own button put first (Answer privately).
 */
export function buttons(
  actions: readonly ReplyAction[],
  where: ButtonContext = {},
  lead: ButtonElement[] = [],
): Block[] {
  if (actions.length === 0 && lead.length === 0) return [];
  const elements = actions.map((action): ButtonElement => {
    const value = encodeButtonValue({ ...where, questionId: action.questionId });
    return {
      type: 'button',
      action_id: `${actionPrefix}${action.id}`,
      text: { type: 'plain_text', text: action.label.slice(0, 75) },
      ...(value ? { value } : {}),
      ...(action.id === 'sample' || action.id === 'resume' ? { style: 'primary' as const } : {}),
    };
  });
  return [{ type: 'actions', elements: [...lead, ...elements].slice(0, 25) }];
}

/** Opens the private-answer modal for the thread it sits in (a drill post is its own thread's root). */
export function answerPrivatelyButton(thread?: string, style?: 'primary'): ButtonElement {
  const value = encodeButtonValue({ thread, privately: true });
  return {
    type: 'button',
    action_id: answerPrivatelyId,
    text: { type: 'plain_text', text: wording.answerPrivately() },
    ...(value ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

/** Blocks into as many messages as Slack's 50-block limit needs; the fallback text goes on the first. */
export function toMessages(blocks: readonly Block[], fallback: string): SlackMessage[] {
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += blockLimit) {
    const text = i === 0 ? escapeMrkdwn(shorten(fallback)) : '…';
    messages.push({ text, blocks: blocks.slice(i, i + blockLimit) });
  }
  if (messages.length) return messages;
  // Slack refuses an empty message: the fallback text is the whole message then.
  const text = escapeMrkdwn(shorten(fallback)) || '…';
  return [{ text, blocks: [section(text)] }];
}

/** Only the notification is shortened: the blocks carry the whole text. */
function shorten(text: string): string {
  return text.length <= fallbackLimit ? text : `${text.slice(0, fallbackLimit - 1)}…`;
}
