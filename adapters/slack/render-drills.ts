import {
  type CohortReport,
  type CohortView,
  cohortReportText,
  describeWeekdays,
  type Leaderboard,
  type MemberSettings,
  type Place,
} from '../../src/index.ts';
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
import { channelMention, userMention } from './render-cohorts.ts';
import { answerBlockId, answerInputId, answerModalId, encodePlace } from './to-event.ts';
import { wording } from './wording.ts';

/** Slack's limit for a plain-text input; the core's own limit is higher, so Slack's is the one that bites. */
const answerInputLimit = 3000;

/** A cohort's settings: where and when its drill is posted, whether it is paused, who is in it. */
export function configMessage(config: CohortView, heading: string): SlackMessage[] {
  const channel = channelMention(config.drillChannel);
  const upcoming = config.upcomingSkipDates;
  const blocks = [
    header(heading),
    fields([
      `*Drill channel*\n${channel}`,
      `*Drill time*\n${escapeMrkdwn(config.drillTime)}`,
      `*Timezone*\n${escapeMrkdwn(config.timezone)}`,
      `*Days*\n${describeWeekdays(config.weekdays)}`,
      `*Pack*\n${escapeMrkdwn(config.packId ?? wording.packDefault())}`,
      `*Level*\n${config.level ?? wording.anyLevel()}`,
      `*Skipped dates*\n${upcoming.length ? upcoming.join(', ') : wording.noSkippedDates()}`,
      `*Members*\n${config.members}`,
      `*Instructors*\n${config.instructors.length ? config.instructors.map(userMention).join(', ') : wording.anyInstructor()}`,
    ]),
    section(wording.drillStatus(config.paused, config.drillChannel !== null)),
    ...context([wording.configUsage()]),
  ];
  return toMessages(blocks, heading);
}

export { describeWeekdays } from '../../src/index.ts';

/** A member's own settings, with the workspace's timezone standing in when they set none. */
export function settingsMessage(
  settings: MemberSettings,
  workspaceTimeZone: string,
  heading: string,
): SlackMessage[] {
  const timezone = settings.timezone ?? wording.workspaceTimeZone(workspaceTimeZone);
  const blocks = [
    header(heading),
    fields([
      `*Your timezone*\n${escapeMrkdwn(timezone)}`,
      `*Leaderboard*\n${settings.leaderboard ? wording.leaderboardOn() : wording.leaderboardOff()}`,
      `*Reminder*\n${remindText(settings.remind)}`,
      `*Streak alert*\n${settings.streakAlert ? wording.streakOn() : wording.streakOff()}`,
    ]),
    ...context([wording.settingsUsage()]),
  ];
  return toMessages(blocks, heading);
}

function remindText(remind: MemberSettings['remind']): string {
  if (remind === 'off') return wording.remindOff();
  return remind === null ? wording.remindNone() : wording.remindAt(remind);
}

/** This week's top members (user ids render as names), the asker's own row, or how to join. */
export function leaderboardMessage(board: Leaderboard): SlackMessage[] {
  const heading = `Leaderboard · week ${board.week}`;
  const rows = board.entries.map(
    (entry) => `${entry.rank}. ${userMention(entry.user)} · ${wording.points(entry.points)}`,
  );
  const blocks: Block[] = [
    header(heading),
    rows.length ? section(rows.join('\n')) : section(escapeMrkdwn(wording.leaderboardEmpty())),
  ];
  if (!board.optedIn) blocks.push(...textSections(wording.leaderboardOptIn()));
  else if (board.you) blocks.push(...textSections(wording.leaderboardYou(board.you.rank, board.you.points)));
  else blocks.push(...textSections(wording.leaderboardYouNoPoints()));
  return toMessages(blocks, heading);
}

/** The cohort report's figures as text; the chart follows as an uploaded PNG. */
export function cohortMessage(report: CohortReport, chartElsewhere: boolean): SlackMessage[] {
  const heading = wording.cohortChartTitle(report.periodDays);
  const blocks = [
    header(heading),
    ...textSections(cohortReportText(report)),
    ...context(chartElsewhere ? [wording.cohortChartInDm()] : []),
  ];
  return toMessages(blocks, heading);
}

/**
 * The private-answer modal: the question when the button's message showed it, and one multiline input.
 * Where the answer belongs travels in private_metadata, so the submission needs nothing else.
 */
export function answerModal(place: Place, questionText?: string) {
  const question: Block[] = questionText ? textSections(questionText).slice(0, 10) : [];
  return {
    type: 'modal' as const,
    callback_id: answerModalId,
    private_metadata: encodePlace(place),
    title: { type: 'plain_text' as const, text: wording.answerModalTitle().slice(0, 24) },
    submit: { type: 'plain_text' as const, text: wording.answerModalSubmit().slice(0, 24) },
    close: { type: 'plain_text' as const, text: wording.answerModalCancel().slice(0, 24) },
    blocks: [
      ...question,
      {
        type: 'input' as const,
        block_id: answerBlockId,
        label: { type: 'plain_text' as const, text: wording.answerModalLabel() },
        hint: { type: 'plain_text' as const, text: wording.answerModalHint() },
        element: {
          type: 'plain_text_input' as const,
          action_id: answerInputId,
          multiline: true,
          max_length: answerInputLimit,
        },
      },
    ],
  };
}
