import type { GradeResult, Reply, SessionStartOptions } from '../../src/index.ts';
import {
  answerPrivatelyButton,
  type Block,
  type ButtonContext,
  buttons,
  context,
  escapeMrkdwn,
  fields,
  header,
  quotedSections,
  type SlackMessage,
  section,
  textSections,
  toMessages,
} from './blocks.ts';
import { wording } from './wording.ts';

type Feedback = Extract<Reply, { type: 'feedback' }>;

const starMarks = { present: ':white_check_mark:', thin: ':warning:', missing: ':x:' } as const;

/**
 * A core reply as Slack messages (more than one only when it passes Slack's limits). Pure. A question or
 * follow-up shown privately offers Answer privately again, so a private answer can stay private to the end.
 */
export function renderReply(reply: Reply, where: ButtonContext = {}): SlackMessage[] {
  const asksForAnswer = reply.type === 'question' || reply.type === 'follow-up';
  const lead = where.privately && asksForAnswer ? [answerPrivatelyButton(where.thread)] : [];
  const actionBlocks = buttons(reply.actions, where, lead);
  switch (reply.type) {
    case 'question':
      return toMessages([...questionBlocks(reply), ...actionBlocks], reply.question.text);
    case 'feedback':
      return toMessages([...feedbackBlocks(reply), ...actionBlocks], feedbackFallback(reply));
    case 'follow-up':
      return toMessages([...textSections(reply.text, '*Follow-up:*'), ...actionBlocks], reply.text);
    case 'hint':
      return toMessages([...textSections(reply.text, ':bulb: *Hint:*'), ...actionBlocks], reply.text);
    case 'sample-answer':
      return toMessages(
        [section('*A strong answer*'), ...textSections(reply.text), ...actionBlocks],
        reply.text,
      );
    case 'summary':
      return toMessages([...summaryBlocks(reply), ...actionBlocks], reply.text);
    case 'notice': {
      // An assignment's notice leads into its questions: marked so it reads as more than a status line.
      const lead = reply.code === 'assignment' ? wording.assignmentNotice() : '';
      return toMessages([...textSections(reply.text, lead), ...actionBlocks], reply.text);
    }
    case 'error':
      return toMessages([...textSections(reply.text, ':warning:'), ...actionBlocks], reply.text);
    case 'transcript':
      return toMessages([...transcriptBlocks(reply), ...actionBlocks], reply.text);
  }
}

/**
 * The workspace's question of the day as the scheduler posts it in the drill channel: the question, how
 * to answer, and Answer privately. The post is the root of the thread every member answers in.
 */
export function renderDrillPost(reply: Reply): SlackMessage[] {
  if (reply.type !== 'question') return renderReply(reply);
  const blocks = [
    ...questionBlocks(reply),
    ...context([wording.drillHowTo()]),
    ...buttons([], {}, [answerPrivatelyButton(undefined, 'primary')]),
  ];
  return toMessages(blocks, reply.question.text);
}

function questionBlocks(reply: Extract<Reply, { type: 'question' }>): Block[] {
  const { question } = reply;
  const title = reply.drillDate
    ? `Question of the day · ${reply.drillDate}`
    : `Q${reply.number}/${reply.total} · ${reply.packTitle}`;
  const about = [question.kind, question.level, ...question.competencies].join(' · ');
  return [header(title), ...textSections(question.text), ...context([about])];
}

/**
 * A spoken answer: a grey line while it is transcribed, then what was heard and how it was said with
 * the member's words quoted (their own text, escaped), or what went wrong and what to do.
 */
export function transcriptBlocks(reply: Extract<Reply, { type: 'transcript' }>): Block[] {
  switch (reply.status) {
    case 'pending':
      return context([`:studio_microphone: ${reply.text}`]);
    case 'failed':
      return textSections(reply.text, ':warning:');
    case 'final':
      return [
        ...textSections(reply.text, ':studio_microphone:'),
        ...(reply.transcript ? quotedSections(reply.transcript) : []),
      ];
  }
}

/** Placeholder, then streamed text, then the whole grade. */
export function feedbackBlocks(reply: Feedback): Block[] {
  if (!reply.grade) {
    const text = reply.text || '…';
    return reply.status === 'pending' ? context([text]) : textSections(text);
  }
  return [...gradeBlocks(reply.grade), ...textSections(reply.text), ...context(reply.notes)];
}

function gradeBlocks(grade: GradeResult): Block[] {
  const blocks: Block[] = [header(`Score ${grade.score}/5`)];
  if (grade.star) {
    const parts = Object.entries(grade.star).map(
      ([part, state]) =>
        `${starMarks[state]} *${capitalize(part)}*${state === 'present' ? '' : ` · ${state}`}`,
    );
    blocks.push(fields(parts));
  }
  if (grade.coveredPoints.length) blocks.push(...textSections(grade.coveredPoints.join(' · '), '*Covered:*'));
  if (grade.missingPoints.length) blocks.push(...textSections(grade.missingPoints.join(' · '), '*Missing:*'));
  for (const flag of grade.redFlags)
    blocks.push(...textSections(flag, ':triangular_flag_on_post: *Red flag:*'));
  return blocks;
}

function feedbackFallback(reply: Feedback): string {
  return reply.grade ? `Score ${reply.grade.score}/5. ${reply.text}` : reply.text;
}

function summaryBlocks(reply: Extract<Reply, { type: 'summary' }>): Block[] {
  const { summary } = reply;
  const average = summary.average === null ? '' : ` · average ${summary.average}/5`;
  const previous = summary.previousAverage === null ? '' : ` (last session ${summary.previousAverage})`;
  const blocks: Block[] = [
    header('Summary'),
    section(escapeMrkdwn(`${summary.answered} of ${summary.total} answered${average}${previous}`)),
  ];
  if (summary.strengths.length) blocks.push(...textSections(summary.strengths.join(', '), '*Strong:*'));
  if (summary.workOn.length) blocks.push(...textSections(summary.workOn.join(' · '), '*Work on:*'));
  blocks.push(
    ...textSections(summary.nextPractice, '*Next practice:*'),
    ...context([`\`${startCommand(summary.nextOptions)}\``]),
  );
  return blocks;
}

/** The slash command that starts what the core suggests. */
export function startCommand(options: SessionStartOptions): string {
  return ['/coach start', options.packId, options.kind, options.level].filter(Boolean).join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
