/** Sentences only the Slack app says, with its markup: its commands, Slack's own errors, App Home, drills in channels. */
export const wording = {
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
  homeEmpty: () => 'No practice yet. Run `/coach start` in a channel I am in, or here in Messages, to begin.',
  nextCommand: (command: string) => `Next: \`${command}\``,
  keepStreak: (days: number) => `Practise today to keep your ${days}-day streak: \`/drill\` takes a minute.`,
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
} as const;
