import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import type { ActionId, GradeResult, Reply, ReplyAction, SessionStartOptions } from '../../src/index.ts';
import { splitText } from '../../src/index.ts';
import { customIds } from './custom-ids.ts';
import { contentLimit, type EmbedDraft, embedLimits, fitEmbeds } from './embeds.ts';
import { labels } from './wording.ts';

/** One Discord message as sent or edited. Mentions are always off: replies can quote the user's text. */
export interface Payload {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: [] };
}

export const colors = { brand: 0x5865f2, pending: 0x99aab5, good: 0x57f287, fair: 0xfee75c, poor: 0xed4245 };

export function scoreColor(score: number): number {
  if (score >= 4) return colors.good;
  return score === 3 ? colors.fair : colors.poor;
}

type FeedbackReply = Extract<Reply, { type: 'feedback' }>;
type SummaryReply = Extract<Reply, { type: 'summary' }>;
type QuestionReply = Extract<Reply, { type: 'question' }>;
type TranscriptReply = Extract<Reply, { type: 'transcript' }>;

/**
 * A core reply as one or more Discord messages (text over 2,000 characters or embeds over their limits
 * are split, never cut). Buttons go on the last message. Pure: the wording comes from the core.
 */
export function renderReply(reply: Reply): Payload[] {
  switch (reply.type) {
    case 'question':
      return embedPayloads(questionDraft(reply), [
        answerButton(reply.question.id),
        ...reply.actions.map(actionButton),
      ]);
    case 'feedback':
      if (reply.status !== 'final') return [progressPayload(reply.text)];
      return embedPayloads(feedbackDraft(reply), reply.actions.map(actionButton));
    case 'follow-up':
      return embedPayloads({ title: labels.followUp, description: reply.text, color: colors.brand }, [
        answerButton(reply.actions.find((action) => action.questionId)?.questionId),
        ...reply.actions.map(actionButton),
      ]);
    case 'hint':
      return embedPayloads(
        { title: labels.hint, description: reply.text, color: colors.brand },
        buttons(reply),
      );
    case 'sample-answer':
      return embedPayloads(
        { title: labels.sampleAnswer, description: reply.text, color: colors.good },
        buttons(reply),
      );
    case 'summary':
      return embedPayloads(summaryDraft(reply), buttons(reply));
    case 'notice':
      // An assignment's notice heads the questions an instructor set, so it reads as a card of its own.
      if (reply.code === 'assignment') {
        return embedPayloads(
          { title: labels.assignment, description: reply.text, color: colors.brand },
          buttons(reply),
        );
      }
      return textPayloads(reply.text, buttons(reply));
    case 'error':
      return textPayloads(reply.text, buttons(reply));
    case 'transcript':
      return transcriptPayloads(reply);
  }
}

/** The placeholder and the partial text while feedback streams: one message, edited in place. */
export function progressPayload(text: string): Payload {
  const shown = splitText(text || '…', embedLimits.description)[0]!;
  return payload({ embeds: [{ description: shown, color: colors.pending }] });
}

/**
 * A recording's transcript: "Transcribing…" while it lasts (edited in place), then what was heard and how
 * it was said over the member's own words, quoted and escaped (they are user content), or a warning.
 */
export function transcriptPayloads(reply: TranscriptReply): Payload[] {
  if (reply.status === 'pending') return [progressPayload(reply.text)];
  if (reply.status === 'failed') return textPayloads(`⚠️ ${reply.text}`, buttons(reply));
  const heading = `${reply.text}\n\n`;
  const quote = '>>> ';
  const words = reply.transcript?.trim() ? escapeMarkdown(reply.transcript.trim()) : '';
  const room = embedLimits.description - quote.length;
  const pieces = words ? splitText(words, Math.max(1000, room - heading.length)) : [];
  const first = splitText(heading + (pieces[0] ? quote + pieces[0] : ''), embedLimits.description);
  const rest = pieces.slice(1).flatMap((piece) => splitText(piece, room).map((part) => quote + part));
  const descriptions = [...first, ...rest];
  return descriptions.map((description, index) =>
    payload({
      embeds: [
        {
          ...(index === 0 ? { title: labels.transcript } : {}),
          description,
          color: colors.brand,
        },
      ],
      components: index === descriptions.length - 1 ? rows(buttons(reply)) : [],
    }),
  );
}

/** A modal answer, shown in the thread above its feedback; mentions in it stay inert. */
export function echoPayloads(text: string, userId: string): Payload[] {
  const header = `**${labels.yourAnswer}** · <@${userId}>\n`;
  const quote = '>>> ';
  const pieces = splitText(text, contentLimit - header.length - quote.length);
  return pieces.map((piece, index) => payload({ content: `${index === 0 ? header : ''}${quote}${piece}` }));
}

export function textPayloads(text: string, rowButtons: APIButtonComponent[] = []): Payload[] {
  const pieces = splitText(text, contentLimit);
  return pieces.map((content, index) =>
    payload({ content, components: index === pieces.length - 1 ? rows(rowButtons) : [] }),
  );
}

export function embedPayloads(draft: EmbedDraft, rowButtons: APIButtonComponent[] = []): Payload[] {
  const embeds = fitEmbeds(draft);
  return embeds.map((embed, index) =>
    payload({ embeds: [embed], components: index === embeds.length - 1 ? rows(rowButtons) : [] }),
  );
}

export function payload(parts: Partial<Omit<Payload, 'allowedMentions'>>): Payload {
  return { content: '', embeds: [], components: [], ...parts, allowedMentions: { parse: [] } };
}

function questionDraft(reply: QuestionReply): EmbedDraft {
  const { question } = reply;
  const fitsTitle = question.text.length <= embedLimits.title;
  const position = `${reply.number}/${reply.total} · ${reply.packTitle}`;
  return {
    title: fitsTitle ? question.text : position,
    ...(fitsTitle ? {} : { description: question.text }),
    color: colors.brand,
    fields: [
      { name: labels.kind, value: question.kind, inline: true },
      { name: labels.level, value: question.level, inline: true },
      { name: labels.competency, value: question.competencies.join(', ') || '—', inline: true },
    ],
    footer: reply.drillDate
      ? `${labels.questionOfTheDay} · ${reply.drillDate} · ${reply.packTitle}`
      : position,
  };
}

function feedbackDraft(reply: FeedbackReply): EmbedDraft {
  const footer = reply.notes.join('\n') || undefined;
  const grade = reply.grade;
  if (!grade) return { description: reply.text, color: colors.brand, footer };
  return {
    title: `Score ${grade.score}/5`,
    description: reply.text || undefined,
    color: scoreColor(grade.score),
    fields: gradeFields(grade),
    footer,
  };
}

const starMarks = { present: '✅', thin: '⚠️', missing: '❌' } as const;
const starOrder = ['situation', 'task', 'action', 'result'] as const;

export function gradeFields(grade: GradeResult): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (grade.star) {
    for (const part of starOrder) {
      const state = grade.star[part];
      const quote = grade.evidence.find((item) => item.for.toLowerCase() === part)?.quote;
      const value = quote && state !== 'missing' ? `${state}: “${quote}”` : state;
      fields.push({ name: `${starMarks[state]} ${capitalize(part)}`, value, inline: true });
    }
  }
  if (grade.coveredPoints.length) fields.push({ name: labels.covered, value: bullets(grade.coveredPoints) });
  if (grade.missingPoints.length) fields.push({ name: labels.missing, value: bullets(grade.missingPoints) });
  if (grade.redFlags.length) {
    fields.push({ name: labels.redFlags, value: grade.redFlags.map((flag) => `🚩 ${flag}`).join('\n') });
  }
  return fields;
}

function summaryDraft(reply: SummaryReply): EmbedDraft {
  const { summary } = reply;
  const figures = [`${labels.answered} ${summary.answered}/${summary.total}`];
  if (summary.average !== null) figures.push(`${labels.average} ${summary.average}/5`);
  if (summary.previousAverage !== null) figures.push(`${labels.lastSession} ${summary.previousAverage}/5`);
  const fields: APIEmbedField[] = [];
  if (summary.strengths.length) fields.push({ name: labels.strong, value: summary.strengths.join(', ') });
  if (summary.workOn.length) fields.push({ name: labels.workOn, value: bullets(summary.workOn) });
  fields.push({
    name: labels.nextPractice,
    value: `${summary.nextPractice}\n\`${practiceCommand(summary.nextOptions)}\``,
  });
  return {
    title: `${labels.summary} · ${summary.packTitle}`,
    description: figures.join(' · '),
    color: summary.average === null ? colors.brand : scoreColor(Math.round(summary.average)),
    fields,
  };
}

/** The slash command that repeats a practice, as the user would type it. */
export function practiceCommand(options: SessionStartOptions): string {
  const parts = [
    options.packId && `pack:${options.packId}`,
    options.kind && `kind:${options.kind}`,
    options.level && `level:${options.level}`,
  ];
  return ['/practice', ...parts.filter(Boolean)].join(' ');
}

const primary: ReadonlySet<ActionId> = new Set(['next', 'resume']);

export function actionButton(action: ReplyAction): APIButtonComponent {
  let style = primary.has(action.id) ? ButtonStyle.Primary : ButtonStyle.Secondary;
  if (action.id === 'end') style = ButtonStyle.Danger;
  return {
    type: ComponentType.Button,
    style,
    label: action.label,
    custom_id: customIds.action(action.id, action.questionId),
  };
}

export function answerButton(questionId: string | undefined): APIButtonComponent {
  return answerButtonFor(customIds.answer(questionId));
}

export function answerButtonFor(customId: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Success,
    label: labels.answer,
    custom_id: customId,
  };
}

function buttons(reply: Reply): APIButtonComponent[] {
  return reply.actions.map(actionButton);
}

/** Discord allows five buttons a row and five rows a message. */
export function rows(list: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const result: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < list.length && result.length < 5; i += 5) {
    result.push({ type: ComponentType.ActionRow, components: list.slice(i, i + 5) });
  }
  return result;
}

export function bullets(items: string[]): string {
  return items.map((item) => `• ${item}`).join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
