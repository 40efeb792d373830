import type { AssignmentStatus } from '../../src/index.ts';

/** Sentences only the Slack app says, with its markup: its commands, Slack's own errors, App Home, drills in channels. */
export const wording = {
  help: (packs: readonly string[], kinds: readonly string[], levels: readonly string[]) =>
    [
      '*/coach start* `[pack] [kind] [level] [count]`: practise in a thread. Reply in the thread to answer.',
      `Packs: ${packs.join(', ')} · kinds: ${kinds.join(', ')} · levels: ${levels.join(', ')}`,
      '*/drill*: your open assignments first, then the question of the day, with your reviews that are due.',
      '*/coach progress*: your assignments, scores by competency, streak, reviews due and this week’s points (also in my Home tab).',
      '*/coach settings*: your timezone, the leaderboard and reminders, e.g. `/coach settings remind 18:00` (`none`, or `off` for no reminders at all) or `/coach settings streak on`.',
      '*/coach pair* `[pack] [kind] [level]`: a peer mock interview: I match you with another member (this cohort’s, in its channel), open a group message for you both, and give each of you in turn the interviewer’s scorecard. `/coach pair cancel` leaves the queue; `/coach pair block @member` (or `unblock`) privately.',
      '*/coach leaderboard*: this week’s top members (only those who joined it).',
      '*/coach forget*: delete everything I keep about you.',
      '*/coach config*: in a channel, that channel’s cohort: drill time, timezone, days, pack and level; `pause`, `resume`, `skip [YYYY-MM-DD]`; `channel #c` names another cohort, `channel none` ends this one (workspace admins and instructors).',
      '*/coach cohorts*: the cohorts you teach (all of them for admins).',
      '*/coach cohort add* `@member…` · *add-instructor* `@user…` · *remove* `@user`: a cohort’s people (run in its channel, or add `#channel`).',
      '*/coach cohort* `[#channel] [7d|30d|90d]`: a cohort’s participation and weak spots, with a chart (its instructors and admins).',
      '*/coach assign* `<pack> <count or question ids> due <date>`: work for the cohort in this channel (or `#channel`); the date is YYYY-MM-DD, today, tomorrow or 7d.',
      '*/coach roster* `[#channel] [7d|30d|90d]`: each member’s activity, average, trend, streak and assignments (instructors, privately).',
      '*/coach export* `[#channel] [7d|30d|90d]`: the cohort’s attempts as a CSV file in a direct message (instructors).',
      '*/coach dashboard*: a private link to the web dashboard: your cohorts’ charts and rosters (instructors), or your own progress page.',
    ].join('\n'),
  unknownCommand: (word: string) => `I don't know "${word}".`,
  /** Slack shows `<!date^…>` in the reader's own timezone; the fallback is UTC. */
  dashboardLink: (url: string, expiresAt: number, ownPage: boolean) => {
    const seconds = Math.floor(expiresAt / 1000);
    const fallback = `${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const what = ownPage ? 'your progress page' : 'the dashboard';
    return [
      `<${url}|Open ${what}>`,
      `This link is yours alone and works for 24 hours, until <!date^${seconds}^{date_short_pretty} at {time}|${fallback}>. Anyone who has it sees what you see, so keep it to yourself; run \`/coach dashboard\` again for a new one.`,
    ].join('\n');
  },
  configUsage: () =>
    'Configure this channel’s cohort like this: `/coach config time 09:00 timezone America/New_York days mon,wed,fri pack medical-coding level junior` (any of them; `pack none` uses the default pack, `level any` mixes levels, `days weekdays` is Monday to Friday). `channel #drills` configures that channel’s cohort instead, `channel none` ends this one. `/coach config pause`, `resume`, or `skip 2026-12-24` (today when no date).',
  cohortUsage: () =>
    'Like this: `/coach cohort add @alex @sam`, `/coach cohort add-instructor @kim`, `/coach cohort remove @alex` in the cohort’s channel (or add `#channel`); `/coach cohort #channel 7d` for its report over 7, 30 or 90 days.',
  assignUsage: () =>
    'Like this: `/coach assign medical-coding 5 due 2026-12-24` or `/coach assign medical-coding chest-pain-unspecified code-sets-difference due 7d`, in the cohort’s channel (or add `#channel`). The date is YYYY-MM-DD, today, tomorrow or a number of days like 7d.',
  settingsHeading: () => 'Settings',
  cohortsHeading: (count: number) => (count === 1 ? '1 cohort' : `${count} cohorts`),
  cohortsHowTo: () =>
    '`/coach config` in a channel configures its cohort; `/coach cohort add @member` adds people; `/coach assign` sets work.',
  paused: () => 'paused',
  memberCount: (count: number) => (count === 1 ? '1 member' : `${count} members`),
  instructorsLabel: () => 'instructors:',
  anyInstructor: () => 'any workspace instructor',
  openAssignments: (dues: readonly string[]) =>
    dues.length === 0
      ? 'no open assignments'
      : `${dues.length} open assignment${dues.length === 1 ? '' : 's'} (due ${[...dues].sort().join(', ')})`,
  assignedHowTo: () =>
    'Members get these first in `/drill`; `/coach progress` shows where each of them stands.',
  assignmentsHeading: () => 'Your assignments',
  assignmentStatus: (status: AssignmentStatus) =>
    ({
      done: ':white_check_mark: done',
      'in-progress': ':hourglass_flowing_sand: in progress',
      overdue: ':warning: overdue',
    })[status],
  moreAssignments: (count: number) => `and ${count} more`,
  assignmentNotice: () => ':clipboard:',
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
    'Change yours like this: `/coach settings timezone Europe/Berlin` (`none` uses the workspace’s), `/coach settings leaderboard on` (or `off`), `/coach settings remind 18:00` (`none`: no daily reminder; `off`: no reminders at all) or `/coach settings streak on` (or `off`).',
  remindAt: (time: string) => `daily at ${time} your time, if you have not answered the drill`,
  remindNone: () => 'no daily reminder (assignment reminders still come)',
  remindOff: () => 'off: no reminders at all',
  streakOn: () => 'on: a note in the evening when your streak is at risk',
  streakOff: () => 'off',
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
  pairWaiting: (pack: string, what: string, minutes: number, cohort: boolean) =>
    `You’re in the ${cohort ? 'cohort’s' : 'workspace’s'} queue for a peer mock interview: ${pack}${what ? ` (${what})` : ''}, for up to ${minutes} minutes. When someone joins I open a group message for you both.`,
  pairAlreadyWaiting: (pack: string, what: string, minutes: number) =>
    `You’re already in the queue for ${pack}${what ? ` (${what})` : ''}; you wait up to ${minutes} minutes from when you joined.`,
  pairMatched: (partner: string) =>
    `You’re paired with <@${partner}>: the session is in a group message with you both (and me).`,
  pairOpenFailed: (partner: string, missingScope: boolean) =>
    `You were matched with <@${partner}>, but I couldn’t open a group message for you both${
      missingScope
        ? ': the app needs the `mpim:write` permission. Ask a workspace admin to reinstall it (or add the scope), then both run `/coach pair` again.'
        : '. Both of you can run `/coach pair` again in a moment.'
    }`,
  pairLeft: () => 'You left the pairing queue.',
  pairNotWaiting: () =>
    'You’re not in the pairing queue here any more (you were matched, or the wait ended). `/coach pair` joins again.',
  pairBlocked: (user: string) =>
    `You won’t be paired with <@${user}>. They are not told. \`/coach pair unblock\` undoes it.`,
  pairUnblocked: (user: string) => `You can be paired with <@${user}> again.`,
  pairUsage: () =>
    'Like this: `/coach pair`, `/coach pair medical-coding technical senior` (pack, kind and level in any order, each optional), `/coach pair cancel`, `/coach pair card` (your interviewer’s scorecard again), `/coach pair block @member`, `/coach pair unblock @member`.',
  pairSubmitted: (finished: boolean) =>
    finished
      ? 'Scorecard submitted. You each have your summary.'
      : 'Scorecard submitted. Roles swap: your partner now has the scorecard.',
  pairEnded: () => 'You ended the session.',
  pairCardSent: () => 'Your scorecard is in your group message with your partner again (only you see it).',
  pairCardTitle: (round: 0 | 1) => `Interviewer’s scorecard · round ${round + 1} of 2`,
  pairCardFor: (candidate: string) => `You interview <@${candidate}>. Only you see this card.`,
  pairAsk: () => 'Ask:',
  pairChecking: () => 'What you are really checking:',
  pairKeyPoints: () => 'Key points (mark each)',
  pairRedFlags: () => 'Red flags to listen for',
  pairFollowUps: () => 'Follow-ups you can ask:',
  pairOverall: () => 'Overall (1–5)',
  pairCovered: () => 'Covered',
  pairPartly: () => 'Partly',
  pairMissed: () => 'Missed',
  pairHeard: () => 'Heard',
  pairHeardOn: () => 'Heard ✓',
  pairSubmit: () => 'Submit scorecard',
  pairEnd: () => 'End session',
  pairLeaveQueue: () => 'Leave queue',
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
