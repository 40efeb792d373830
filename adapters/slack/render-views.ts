import type { MemberAssignment, ProgressReport } from '../../src/index.ts';
import {
  type Block,
  context,
  escapeMrkdwn,
  fields,
  header,
  type SlackMessage,
  section,
  textSections,
  toMessages,
} from './blocks.ts';
import { startCommand } from './render.ts';
import { assignmentBlocks } from './render-cohorts.ts';
import { wording } from './wording.ts';

export const forgetConfirmId = 'starcoach:forget-confirm';
export const forgetCancelId = 'starcoach:forget-cancel';

/**
 * Progress for App Home and `/coach progress`: assignments, totals, streak, reviews due and this week's
 * points, a bar per competency, weakest areas, what next.
 */
export function progressBlocks(report: ProgressReport & { assignments?: MemberAssignment[] }): Block[] {
  // Assignments come first, even before any practice: an instructor asked for them, by a date.
  const blocks: Block[] = [header('Your practice'), ...assignmentBlocks(report.assignments ?? [])];
  // A member who has only been scored by peers has practised: show their streak and the peer section.
  if (report.answered === 0 && report.peer === null) {
    return [...blocks, section(escapeMrkdwn(wording.homeEmpty()))];
  }
  blocks.push(
    fields([
      `*Sessions*\n${report.sessions}`,
      `*Answered*\n${report.answered}`,
      `*Average*\n${report.average === null ? '–' : `${report.average}/5`}`,
      `*Streak*\n${report.streak} ${report.streak === 1 ? 'day' : 'days'}${report.practisedToday ? ' :white_check_mark:' : ''}`,
      `*Due for review*\n${report.due}`,
      `*Points this week*\n${report.weekPoints}`,
    ]),
  );
  const reminders = [
    ...(report.streak > 0 && !report.practisedToday ? [wording.keepStreak(report.streak)] : []),
    ...(report.due > 0 ? [wording.dueReviews(report.due)] : []),
  ];
  blocks.push(...context(reminders));
  if (report.byCompetency.length) {
    const lines = report.byCompetency.map(
      (entry) => `\`${bar(entry.average)}\` ${entry.average.toFixed(1)}  ${entry.name} (${entry.attempts})`,
    );
    blocks.push(section('*By competency*'), ...textSections(lines.join('\n')));
  }
  if (report.weakest.length) blocks.push(...textSections(report.weakest.join(' · '), '*Weakest areas:*'));
  // Spoken answers' pace and fillers, first against latest, once there are any.
  if (report.voice) blocks.push(...textSections(report.voice.text, ':studio_microphone:'));
  // Peer-scored answers after the graded figures, never mixed into them.
  if (report.peer) {
    blocks.push(...textSections(report.peer.text, ':handshake:'), ...context(report.peer.lines));
  }
  blocks.push(...context([wording.nextCommand(startCommand(report.next))]));
  return blocks;
}

/** Ten cells for a 0–5 average: wide enough to compare, narrow enough for a phone. */
export function bar(average: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(average * 2)));
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

export function homeView(report: ProgressReport & { assignments?: MemberAssignment[] }) {
  return { type: 'home' as const, blocks: progressBlocks(report).slice(0, 100) };
}

export function textMessage(text: string): SlackMessage[] {
  return toMessages(textSections(text), text);
}

/** Help is the adapter's own mrkdwn (command names in bold), so it is not escaped. */
export function helpMessage(help: string, unknown: string | null): SlackMessage[] {
  const lead = unknown === null ? [] : textSections(wording.unknownCommand(unknown));
  return toMessages([...lead, section(help)], help);
}

export function forgetConfirmMessage(): SlackMessage[] {
  const blocks: Block[] = [
    ...textSections(wording.forgetConfirm()),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: forgetConfirmId,
          style: 'danger',
          text: { type: 'plain_text', text: 'Delete my data' },
        },
        { type: 'button', action_id: forgetCancelId, text: { type: 'plain_text', text: 'Cancel' } },
      ],
    },
  ];
  return toMessages(blocks, wording.forgetConfirm());
}
