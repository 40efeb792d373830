import type { ActionId, ReplyAction } from './ports.ts';

/** Every sentence the core says, in one place; adapters format these but never write their own. */
export const messages = {
  unknownPack: (id: string, known: string[]) =>
    `There is no pack called "${id}". Choose one of: ${known.join(', ')}.`,
  noQuestions: (filters: string) =>
    `No questions match ${filters}. Try another kind or level, or leave them out to mix everything.`,
  sessionActive: (number: number, total: number, packTitle: string) =>
    `You have a ${packTitle} session in progress (question ${number} of ${total}). Resume it, or start over?`,
  sessionExpired: () =>
    'Your last session was idle for 24 hours and has expired; your answers so far are saved in your progress.',
  noSession: () => 'You have no session running here. Start one first.',
  staleAction: () => 'That button belongs to an earlier question. Use the buttons under the current one.',
  notYourSession: () => 'This session belongs to someone else. Start your own to practise.',
  emptyAnswer: () => 'That answer is empty. Write your answer as a few sentences, then send it.',
  answerTooLong: (limit: number, length: number) =>
    `That answer is ${length} characters; the limit is ${limit}. Shorten it to the essentials and send it again.`,
  gradingPlaceholder: () => 'Grading your answer…',
  alreadyGrading: () => 'Still grading your previous answer; send this one again once the feedback is in.',
  offlineFallback: () => 'The AI grader was unavailable, so the built-in grader scored this answer.',
  budgetFallback: () =>
    'You have used today’s AI feedback budget, so the built-in grader scored this answer.',
  recovered: () => 'Picking up the answer you sent before the interruption.',
  noMoreHints: () => 'No more hints for this question. Try answering, or ask to see a strong answer.',
  hintFromPoint: (label: string) => `Think about: ${label}.`,
  skipped: () => 'Skipped. It will come back in a later session.',
  nothingToAnswer: () => 'This question is done. Use Next to continue.',
  sessionEnded: () => 'Session ended.',
  forgotten: (count: number) =>
    count === 0 ? 'There was nothing stored about you.' : `Deleted all your data (${count} records).`,
  notAllowedToConfigure: () =>
    'Only workspace or server admins and instructors can change these settings. Ask one of them to run it.',
  invalidDrillTime: (value: string) => `"${value}" is not a time. Use 24-hour HH:MM, like 09:00 or 17:30.`,
  invalidTimeZone: (value: string) =>
    `"${value}" is not a timezone I know. Use an IANA name like America/New_York, Europe/Berlin or UTC.`,
  invalidWeekdays: () => 'Weekdays are numbers from 0 (Sunday) to 6 (Saturday), or names like mon,tue,wed.',
  invalidDate: (value: string) => `"${value}" is not a date. Use YYYY-MM-DD, like 2026-12-24.`,
  drillComplete: (score: number | null) =>
    score === null
      ? 'That was today’s drill. A new question comes tomorrow.'
      : `That was today’s drill: ${score}/5. A new question comes tomorrow.`,
  drillDone: (score: number | null) =>
    score === null
      ? 'You have already had today’s question. A new one comes tomorrow.'
      : `You have already answered today’s question (${score}/5). A new one comes tomorrow.`,
  internalError: () => 'Something broke on our side. Your session is saved; try again in a moment.',
  /** The platform refused a reply (a `DeliveryError`); adapters may say it in their platform's terms. */
  deliveryFailed: (code: string) => {
    if (code === 'DELIVERY_FORBIDDEN')
      return 'I’m not allowed to post there. Check that I can post in this place, then try again.';
    if (code === 'DELIVERY_RATE_LIMITED')
      return 'I’m being slowed down right now. Wait a few seconds and try again.';
    return 'My reply didn’t get through. Try again in a moment.';
  },
  summaryNoAnswers: () => 'No answers this time, so there is nothing to score yet.',
  nextPracticeWeak: (competency: string, packTitle: string) =>
    `another ${packTitle} round weighted toward ${competency}`,
  nextPracticeKind: (kind: string, packTitle: string) => `a ${kind} round of ${packTitle}`,
  workOnStar: (part: string, missing: number, total: number) =>
    `${capitalize(part)} in your STAR stories (${missing} of ${total} ${missing === 1 ? 'was' : 'were'} thin or missing)`,
  workOnRedFlag: (label: string) => `Avoid: ${label}`,
  /** Sentences only the Slack app says: its commands, Slack's own errors, App Home, drills in channels. */
  slack: {
    help: (packs: readonly string[], kinds: readonly string[], levels: readonly string[]) =>
      [
        '*/coach start* `[pack] [kind] [level] [count]`: practise in a thread. Reply in the thread to answer.',
        `Packs: ${packs.join(', ')} · kinds: ${kinds.join(', ')} · levels: ${levels.join(', ')}`,
        '*/drill*: the question of the day, the same for everyone here, with your reviews that are due first.',
        '*/coach progress*: your scores by competency, streak, reviews due and this week’s points (also in my Home tab).',
        '*/coach settings*: your own timezone and whether you are on the leaderboard, e.g. `/coach settings leaderboard on`.',
        '*/coach leaderboard*: this week’s top members (only those who joined it).',
        '*/coach forget*: delete everything I keep about you.',
        '*/coach config*: the daily drill’s channel, time, timezone, days, pack and level; `pause`, `resume`, `skip [YYYY-MM-DD]` (workspace admins and instructors).',
        '*/coach cohort*: the group’s participation and weak spots, with a chart (workspace admins and instructors).',
      ].join('\n'),
    unknownCommand: (word: string) => `I don't know "${word}".`,
    configUsage: () =>
      'Change settings like this: `/coach config channel #drills time 09:00 timezone America/New_York days mon,wed,fri pack medical-coding level junior` (any of them; `none` clears the channel or pack, `level any` mixes levels, `days weekdays` is Monday to Friday). `/coach config pause`, `resume`, or `skip 2026-12-24` (today when no date).',
    notSet: () => 'not set',
    packDefault: () => 'the default pack',
    anyLevel: () => 'any',
    noSkippedDates: () => 'none coming up',
    drillStatus: (paused: boolean, channelSet: boolean) => {
      if (paused) return 'Paused: no drills are posted until `/coach config resume`.';
      return channelSet ? 'Posting on the days above.' : 'Not posting: set a channel first.';
    },
    drillHowTo: () =>
      'Reply in this thread to answer; everyone here sees the feedback. Or answer privately and only you will.',
    answerPrivately: () => 'Answer privately',
    answerModalTitle: () => 'Answer privately',
    answerModalSubmit: () => 'Send',
    answerModalCancel: () => 'Cancel',
    answerModalLabel: () => 'Your answer',
    answerModalHint: () => 'Only you will see the feedback, in the thread.',
    settingsUsage: () =>
      'Change yours like this: `/coach settings timezone Europe/Berlin` (`none` uses the workspace’s) or `/coach settings leaderboard on` (or `off`).',
    workspaceTimeZone: (timeZone: string) => `the workspace’s (${timeZone})`,
    leaderboardOn: () => 'on: you are shown on `/coach leaderboard`',
    leaderboardOff: () => 'off: you are not shown on `/coach leaderboard`',
    points: (points: number) => (points === 1 ? '1 point' : `${points} points`),
    leaderboardEmpty: () =>
      'Nobody on the leaderboard has points yet this week. Answer a question to be first.',
    leaderboardYou: (rank: number, points: number) =>
      `You: #${rank} with ${points === 1 ? '1 point' : `${points} points`} this week.`,
    leaderboardYouNoPoints: () => 'You have no points yet this week: answer a question or `/drill` to score.',
    leaderboardOptIn: () =>
      'You are not on the leaderboard. Join it with `/coach settings leaderboard on` (and leave with `off`).',
    cohortChartInDm: () => 'The chart is in our direct messages.',
    cohortChartFailed: () => 'The chart could not be uploaded this time; the figures above are complete.',
    cohortChartTitle: (days: number) => `Cohort report, last ${days} days`,
    forgetConfirm: () =>
      'This deletes your sessions, answers and progress in this workspace. It cannot be undone.',
    forgetCancelled: () => 'Nothing was deleted.',
    homeEmpty: () =>
      'No practice yet. Run `/coach start` in a channel I am in, or here in Messages, to begin.',
    nextCommand: (command: string) => `Next: \`${command}\``,
    keepStreak: (days: number) =>
      `Practise today to keep your ${days}-day streak: \`/drill\` takes a minute.`,
    dueReviews: (count: number) =>
      `${count === 1 ? '1 question is' : `${count} questions are`} due for review: \`/drill\` asks them first.`,
    slackError: {
      notInChannel: () =>
        'I can’t post in this channel yet. Invite me with `/invite @starcoach`, then run the command again.',
      channelNotFound: () =>
        'I can’t reach this conversation. Use me in a channel I’m in, or in my Messages tab.',
      archived: () => 'This channel is archived, so I can’t post here.',
      rateLimited: () =>
        'Slack is slowing me down right now. Wait a few seconds and try again; your session is saved.',
      other: () => 'Slack didn’t accept my reply. Try again in a moment; your session is saved.',
    },
  },
  /** Sentences only the Discord bot says: threads, modals, its commands. */
  discord: {
    openingThread: () => 'Opening your session in a thread…',
    sessionIn: (threadMention: string) => `Your session is in ${threadMention}.`,
    threadUnavailable: () =>
      'I can’t open a thread in this channel (missing permission), so your session continues here. ' +
      'A server admin can give me Create Private Threads, Create Public Threads and Send Messages in Threads.',
    forgetConfirm: () =>
      'This deletes your sessions, answers and progress stored for this server. It cannot be undone.',
    forgetCancelled: () => 'Nothing was deleted.',
    progressEmpty: () => 'No answers yet. Start a session with /practice.',
    help: () =>
      [
        '**/practice** `[pack] [kind] [level] [count]`: a mock interview in a thread of its own. ' +
          'Answer with the **Answer** button (or by writing in the thread, where the server allows).',
        '**/drill**: the server’s question of the day, with your reviews that are due first.',
        '**/progress**: your scores by competency, streak, reviews due and this week’s points (only you see it).',
        '**/settings** `[timezone] [leaderboard]`: your own timezone and whether you are on the leaderboard.',
        '**/leaderboard**: this week’s top members (only those who joined it).',
        '**/forget**: delete everything stored about you here.',
        '**/coach-config**: the daily drill’s channel, time, timezone, days, pack and level; pause, resume or ' +
          'skip a day; the instructor role (Manage Server or instructors).',
        '**/cohort**: the group’s participation and weak spots, with a chart (Manage Server or instructors).',
      ].join('\n'),
    drillHowTo: () =>
      'Write your answer in the thread and everyone sees the feedback, or press Answer and only you will.',
    drillStatus: (paused: boolean, channelSet: boolean) => {
      if (paused) return 'Paused: no drills are posted until `/coach-config action:resume`.';
      return channelSet ? 'Posting on the days below.' : 'Not posting: set a drill channel first.';
    },
    configUsage: () =>
      'Change any of them with /coach-config options, e.g. days:mon-fri level:junior, action:pause or ' +
      'action:skip skip_date:2026-12-24 (today when no date).',
    settingsUsage: () =>
      'Change yours with /settings timezone:Europe/Berlin (none uses the server’s) or leaderboard:True.',
    serverTimeZone: (timeZone: string) => `the server’s (${timeZone})`,
    leaderboardOn: () => 'on: you are shown on /leaderboard',
    leaderboardOff: () => 'off: you are not shown on /leaderboard',
    points: (points: number) => (points === 1 ? '1 point' : `${points} points`),
    leaderboardEmpty: () =>
      'Nobody on the leaderboard has points yet this week. Answer a question to be first.',
    leaderboardYou: (rank: number, points: number) =>
      `You: #${rank} with ${points === 1 ? '1 point' : `${points} points`} this week.`,
    leaderboardYouNoPoints: () => 'You have no points yet this week: answer a question or /drill to score.',
    leaderboardOptIn: () =>
      'You are not on the leaderboard. Join it with /settings leaderboard:True (and leave with False).',
    cohortChartFailed: () => 'The chart could not be drawn this time; the figures above are complete.',
    streak: (days: number, practisedToday: boolean) =>
      days === 0
        ? 'none yet'
        : `${days} ${days === 1 ? 'day' : 'days'}${practisedToday ? '' : ' (practise today to keep it)'}`,
    due: (count: number) => (count === 0 ? 'none' : `${count} (/drill asks them first)`),
  },
} as const;

const actionLabels: Record<ActionId, string> = {
  hint: 'Hint',
  skip: 'Skip',
  next: 'Next',
  end: 'End',
  sample: 'Show a strong answer',
  resume: 'Resume',
  restart: 'Start over',
};

export function actions(...ids: ActionId[]): ReplyAction[] {
  return ids.map((id) => ({ id, label: actionLabels[id] }));
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Competency slugs as people say them: "e-m-levels" → "E/M levels" reads better, but plain is safe. */
export function humanize(slug: string): string {
  return slug.replace(/-/g, ' ');
}
