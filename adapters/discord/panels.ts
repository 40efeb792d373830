import {
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import type {
  CohortView,
  Leaderboard,
  MemberAssignment,
  MemberSettings,
  ProgressReport,
  TenantConfigView,
} from '../../src/index.ts';
import { memberAssignmentLines, mentionsOf } from './cohort-panels.ts';
import { answerMaxLength, customIds } from './custom-ids.ts';
import {
  colors,
  embedPayloads,
  type Payload,
  practiceCommand,
  rows,
  scoreColor,
  textPayloads,
} from './render.ts';
import { describeWeekdays } from './to-event.ts';
import { labels, wording } from './wording.ts';

/**
 * `/progress`, shown only to the user: their assignments first (open ones first, as the core orders
 * them), then figures, a small bar per competency, what to practise next.
 */
export function progressPayloads(report: ProgressReport & { assignments?: MemberAssignment[] }): Payload[] {
  const assignments: APIEmbedField[] = report.assignments?.length
    ? [{ name: labels.assignments, value: memberAssignmentLines(report.assignments), inline: false }]
    : [];
  // A member scored only by peers has practised: they get the figures (streak) and the peer field.
  if (report.answered === 0 && report.peer === null) {
    if (!assignments.length) return textPayloads(wording.progressEmpty());
    return embedPayloads({
      title: labels.progress,
      description: wording.progressEmpty(),
      color: colors.brand,
      fields: assignments,
    });
  }
  const fields: APIEmbedField[] = [
    ...assignments,
    { name: labels.sessions, value: String(report.sessions), inline: true },
    { name: labels.answered, value: String(report.answered), inline: true },
    { name: labels.average, value: report.average === null ? '—' : `${report.average}/5`, inline: true },
  ];
  if (report.byCompetency.length) {
    const lines = report.byCompetency.map((row) => barLine(row.name, row.average, row.attempts));
    fields.push({ name: labels.byCompetency, value: lines.join('\n'), inline: false });
  }
  if (report.byKind.length) {
    const lines = report.byKind.map((row) => barLine(row.kind, row.average, row.attempts));
    fields.push({ name: labels.byKind, value: lines.join('\n'), inline: false });
  }
  fields.push(
    { name: labels.streak, value: wording.streak(report.streak, report.practisedToday), inline: true },
    { name: labels.due, value: wording.due(report.due), inline: true },
    { name: labels.weekPoints, value: String(report.weekPoints), inline: true },
  );
  if (report.voice) fields.push({ name: labels.voice, value: report.voice.text, inline: false });
  // Apart from the graded figures above: a peer's score is not a graded one.
  if (report.peer) {
    const value = [report.peer.text, ...report.peer.lines].join('\n');
    fields.push({ name: labels.peer, value, inline: false });
  }
  if (report.weakest.length)
    fields.push({ name: labels.workOn, value: report.weakest.join(', '), inline: false });
  fields.push({ name: labels.nextPractice, value: `\`${practiceCommand(report.next)}\``, inline: false });
  const color = report.average === null ? colors.brand : scoreColor(Math.round(report.average));
  return embedPayloads({ title: labels.progress, color, fields });
}

function barLine(name: string, average: number, attempts: number): string {
  const filled = Math.max(0, Math.min(5, Math.round(average)));
  return `\`${'█'.repeat(filled)}${'░'.repeat(5 - filled)}\` ${average}/5 · ${name} (${attempts})`;
}

/** `/coach-config`: a cohort's settings, all of them, with whether drills are being posted. */
export function configPayloads(config: CohortView, tenant: TenantConfigView): Payload[] {
  const upcoming = config.upcomingSkipDates;
  return embedPayloads({
    title: labels.settings,
    description: wording.drillStatus(config.paused, config.drillChannel !== null),
    color: colors.brand,
    fields: [
      {
        name: labels.drillChannel,
        value: `<#${config.drillChannel}>`,
        inline: true,
      },
      { name: labels.drillTime, value: config.drillTime, inline: true },
      { name: labels.timezone, value: config.timezone, inline: true },
      { name: labels.days, value: describeWeekdays(config.weekdays), inline: true },
      { name: labels.pack, value: config.packId ?? labels.notSet, inline: true },
      { name: labels.level, value: config.level ?? labels.anyLevel, inline: true },
      { name: labels.skippedDates, value: upcoming.length ? upcoming.join(', ') : labels.none, inline: true },
      {
        name: labels.instructorRole,
        value: tenant.instructorRole ? `<@&${tenant.instructorRole}>` : labels.notSet,
        inline: true,
      },
      { name: labels.instructors, value: mentionsOf(config.instructors), inline: true },
      { name: labels.members, value: String(config.members), inline: true },
    ],
    footer: wording.configUsage(),
  });
}

/** `/settings`: the member's own timezone (the server's stands in), leaderboard opt-in and reminders. */
export function settingsPayloads(settings: MemberSettings, serverTimeZone: string): Payload[] {
  return embedPayloads({
    title: labels.yourSettings,
    color: colors.brand,
    fields: [
      {
        name: labels.timezone,
        value: settings.timezone ?? wording.serverTimeZone(serverTimeZone),
        inline: true,
      },
      {
        name: labels.leaderboard,
        value: settings.leaderboard ? wording.leaderboardOn() : wording.leaderboardOff(),
        inline: true,
      },
      { name: labels.reminders, value: remindInWords(settings.remind), inline: true },
      {
        name: labels.streakAlert,
        value: settings.streakAlert ? wording.streakAlertOn() : wording.streakAlertOff(),
        inline: true,
      },
    ],
    footer: wording.settingsUsage(),
  });
}

function remindInWords(remind: MemberSettings['remind']): string {
  if (remind === 'off') return wording.remindOff();
  return remind === null ? wording.remindNone() : wording.remindAt(remind);
}

/** `/leaderboard`: this week's top members, the asker's own row, or how to join. */
export function leaderboardPayloads(board: Leaderboard): Payload[] {
  const rows = board.entries.map(
    (entry) => `${entry.rank}. <@${entry.user}> · ${wording.points(entry.points)}`,
  );
  let you: string;
  if (!board.optedIn) you = wording.leaderboardOptIn();
  else if (board.you) you = wording.leaderboardYou(board.you.rank, board.you.points);
  else you = wording.leaderboardYouNoPoints();
  return embedPayloads({
    title: `${labels.leaderboard} · ${labels.week} ${board.week}`,
    description: `${rows.length ? rows.join('\n') : wording.leaderboardEmpty()}\n\n${you}`,
    color: colors.brand,
  });
}

export function forgetConfirmPayload(): Payload[] {
  return textPayloads(wording.forgetConfirm(), [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Danger,
      label: labels.deleteData,
      custom_id: customIds.forgetConfirm,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: labels.cancel,
      custom_id: customIds.forgetCancel,
    },
  ]);
}

/** Clears a message's buttons once they have done their job. */
export function withoutButtons(payloads: Payload[]): Payload[] {
  return payloads.map((item) => ({ ...item, components: rows([]) }));
}

// A text display in a modal is capped at 4,000 characters; the prompt is context, so a cut one is fine.
const promptLimit = 1000;

/**
 * The Answer modal: the prompt the button was under (so it stays in view while typing) and one paragraph
 * field. Discord caps a text input at 4,000 characters.
 */
export function answerModal(
  prompt: string | null,
  customId: string = customIds.answerModal(),
): APIModalInteractionResponseCallbackData {
  const input = {
    type: ComponentType.Label as const,
    label: labels.answer,
    component: {
      type: ComponentType.TextInput as const,
      custom_id: customIds.answerInput,
      style: TextInputStyle.Paragraph,
      min_length: 1,
      max_length: answerMaxLength,
      required: true,
    },
  };
  const shown = prompt && prompt.length > promptLimit ? `${prompt.slice(0, promptLimit - 1)}…` : prompt;
  return {
    custom_id: customId,
    title: labels.answerModalTitle,
    components: shown ? [{ type: ComponentType.TextDisplay, content: shown }, input] : [input],
  };
}
