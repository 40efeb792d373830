import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import {
  type PairMessage,
  type PointMark,
  pairMessages,
  pointMarks,
  type ScorecardView,
  splitText,
} from '../../src/index.ts';
import { pairIds } from './custom-ids.ts';
import { contentLimit, embedLimits, fitEmbeds, sizeOf } from './embeds.ts';
import { colors } from './render.ts';
import { labels, wording } from './wording.ts';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/**
 * A message of a peer session. Mentions ping only the members named (the core names only the two), so
 * the intro and the "your scorecard is ready" note reach them; nothing else is ever a mention.
 */
export interface PairPayload {
  content: string;
  embeds: APIEmbed[];
  components: Row[];
  allowedMentions: { parse: []; users: string[] };
}

/** Discord's limits on one message's components: five rows, five buttons a row, 25 options a menu. */
export const componentLimits = { rows: 5, buttons: 5, options: 25, label: 80, optionLabel: 100 } as const;
/** Key points in one select menu: three marks each within its 25 options. */
const pointsPerMenu = Math.floor(componentLimits.options / pointMarks.length);
const maxEmbeds = 10;

const markLabel: Record<PointMark, string> = {
  covered: labels.pairCovered,
  partly: labels.pairPartly,
  missed: labels.pairMissed,
};
const markIcon: Record<PointMark, string> = { covered: '✅', partly: '🟨', missed: '❌' };

/** Everyone named `<@id>` in a text the core wrote. */
export function mentionedUsers(text: string): string[] {
  return [...new Set([...text.matchAll(/<@!?(\d+)>/g)].map((match) => match[1]!))];
}

export function pairPayload(parts: Partial<Omit<PairPayload, 'allowedMentions'>>, mentions: string[] = []) {
  return {
    content: '',
    embeds: [],
    components: [],
    ...parts,
    allowedMentions: { parse: [] as [], users: mentions },
  } satisfies PairPayload;
}

type ActionStyle = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

function button(
  customId: string,
  label: string,
  style: ActionStyle = ButtonStyle.Secondary,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: label.slice(0, componentLimits.label),
    style,
  };
}

const row = (components: APIComponentInMessageActionRow[]): Row => ({
  type: ComponentType.ActionRow,
  components,
});

/** Text the core wrote, posted in the thread; the intro and the swap carry the Answer in writing button. */
export function pairNoticePayloads(message: PairMessage): PairPayload[] {
  const answerable =
    message.type === 'pair-notice' && ['PAIR_STARTED', 'PAIR_SWAPPED'].includes(message.code);
  const pieces = splitText(message.text, contentLimit);
  return pieces.map((content, index) =>
    pairPayload(
      {
        content,
        components:
          answerable && index === pieces.length - 1
            ? [row([button(pairIds.answer, labels.pairAnswerInWriting, ButtonStyle.Primary)])]
            : [],
      },
      mentionedUsers(content),
    ),
  );
}

/** In the thread, for the interviewer: the card is private, so it opens from this button. */
export function cardReadyPayload(interviewer: string, pairId: string): PairPayload {
  return pairPayload(
    {
      content: wording.pairCardReady(interviewer),
      components: [row([button(pairIds.open(pairId), labels.pairOpenCard, ButtonStyle.Primary)])],
    },
    [interviewer],
  );
}

/** A private answer to `/pair` or a press; with the Leave queue button while the member waits. */
export function pairReplyPayload(text: string, waiting = false): PairPayload {
  const components = waiting ? [row([button(pairIds.leave, labels.pairLeaveQueue)])] : [];
  return pairPayload({ content: splitText(text, contentLimit)[0]!, components });
}

/** A summary as direct messages: split, never cut. */
export function summaryPayloads(text: string): PairPayload[] {
  return splitText(text, contentLimit).map((content) => pairPayload({ content }));
}

function pointLines(card: ScorecardView): string {
  return card.keyPoints
    .map((point) => {
      const mark = point.mark ? `${markIcon[point.mark]} **${markLabel[point.mark]}**` : '⬜';
      return `${mark} ${point.index + 1}. ${point.label}`;
    })
    .join('\n');
}

function flagLines(card: ScorecardView, withWhy: boolean): string {
  return card.redFlags
    .map((flag) => {
      const heard = flag.heard ? ` · **${labels.pairHeard}**` : '';
      return `🚩 ${flag.index + 1}. ${flag.label}${withWhy ? `: ${flag.why}` : ''}${heard}`;
    })
    .join('\n');
}

function cardEmbeds(card: ScorecardView, detailed: boolean): APIEmbed[] {
  const fields = [
    { name: labels.pairKeyPoints, value: pointLines(card) },
    { name: labels.pairRedFlags, value: flagLines(card, detailed) },
    ...(detailed && card.followUps.length
      ? [{ name: labels.pairFollowUps, value: card.followUps.map((text) => `• ${text}`).join('\n') }]
      : []),
    {
      name: labels.pairOverall,
      value: card.overall === null ? labels.pairNotScored : `**${card.overall}/5**`,
    },
  ];
  const checking = detailed
    ? card.checking
    : `${card.checking.slice(0, 500)}${card.checking.length > 500 ? '…' : ''}`;
  return fitEmbeds({
    title: wording.pairCardTitle(card.round),
    description: `${wording.pairYouInterview(card.candidate)}\n\n**${labels.pairAsk}:** ${card.question}\n\n**${labels.pairChecking}:** ${checking}`,
    color: card.complete ? colors.good : colors.brand,
    fields,
    ...(card.complete ? {} : { footer: pairMessages.incomplete }),
  });
}

/** One message holds at most ten embeds and 6,000 characters across them. */
function fits(embeds: APIEmbed[]): boolean {
  return (
    embeds.length <= maxEmbeds && embeds.reduce((sum, embed) => sum + sizeOf(embed), 0) <= embedLimits.total
  );
}

function pointButtons(card: ScorecardView, point: ScorecardView['keyPoints'][number]): Row {
  return row(
    pointMarks.map((mark) =>
      button(
        pairIds.mark(card.pairId, card.round, `point:${point.index}:${mark}`),
        `${point.index + 1} ${markLabel[mark]}`,
        point.mark === mark ? ButtonStyle.Primary : ButtonStyle.Secondary,
      ),
    ),
  );
}

function pointMenu(card: ScorecardView, points: ScorecardView['keyPoints'], index: number): Row {
  const menu: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: pairIds.select(card.pairId, card.round, index),
    placeholder: `${labels.pairMarkPoint} (${points[0]!.index + 1}–${points.at(-1)!.index + 1})`,
    min_values: 1,
    max_values: 1,
    options: points.flatMap((point) =>
      pointMarks.map((mark) => ({
        label: `${point.index + 1}. ${markLabel[mark]}: ${point.label}`.slice(0, componentLimits.optionLabel),
        value: `point:${point.index}:${mark}`,
        emoji: { name: markIcon[mark] },
      })),
    ),
  };
  return row([menu]);
}

function flagControls(card: ScorecardView): Row {
  const flags = card.redFlags;
  if (flags.length <= componentLimits.buttons) {
    return row(
      flags.map((flag) =>
        button(
          pairIds.mark(card.pairId, card.round, `flag:${flag.index}:${flag.heard ? 'off' : 'on'}`),
          `${flag.index + 1} ${labels.pairHeard}${flag.heard ? ' ✓' : ''}`,
          flag.heard ? ButtonStyle.Danger : ButtonStyle.Secondary,
        ),
      ),
    );
  }
  const menu: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: pairIds.select(card.pairId, card.round, 99),
    placeholder: labels.pairToggleFlag,
    min_values: 1,
    max_values: 1,
    options: flags.slice(0, componentLimits.options).map((flag) => ({
      label: `${flag.index + 1}. ${flag.heard ? '✓ ' : ''}${flag.label}`.slice(
        0,
        componentLimits.optionLabel,
      ),
      value: `flag:${flag.index}:${flag.heard ? 'off' : 'on'}`,
    })),
  };
  return row([menu]);
}

function tailRows(card: ScorecardView): Row[] {
  const overall = [1, 2, 3, 4, 5].map((score) =>
    button(
      pairIds.mark(card.pairId, card.round, `overall:${score}`),
      String(score),
      card.overall === score ? ButtonStyle.Primary : ButtonStyle.Secondary,
    ),
  );
  const finish = [
    button(pairIds.submit(card.pairId, card.round), labels.pairSubmit, ButtonStyle.Success),
    button(pairIds.end(card.pairId), labels.pairEnd, ButtonStyle.Danger),
  ];
  return [row(overall), row(finish)];
}

/**
 * The card's controls within five rows: a row of Covered/Partly/Missed buttons per key point when they
 * all fit, else a select menu per eight key points; red flags as "heard" toggles (a menu past five).
 * More than sixteen key points would not fit: the rows past five are left out.
 */
export function scorecardRows(card: ScorecardView): Row[] {
  const tail = [flagControls(card), ...tailRows(card)];
  const roomy = card.keyPoints.length + tail.length <= componentLimits.rows;
  const pointRows = roomy
    ? card.keyPoints.map((point) => pointButtons(card, point))
    : Array.from({ length: Math.ceil(card.keyPoints.length / pointsPerMenu) }, (_, index) =>
        pointMenu(card, card.keyPoints.slice(index * pointsPerMenu, (index + 1) * pointsPerMenu), index),
      );
  return [...pointRows.slice(0, componentLimits.rows - tail.length), ...tail];
}

/** The interviewer's card as one ephemeral message, shown and updated in place as they mark it. */
export function scorecardPayload(card: ScorecardView): PairPayload {
  let embeds = cardEmbeds(card, true);
  if (!fits(embeds)) embeds = cardEmbeds(card, false);
  if (!fits(embeds)) embeds = embeds.slice(0, 1);
  return pairPayload({ embeds, components: scorecardRows(card) });
}
