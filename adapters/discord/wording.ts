/** Sentences only the Discord bot says: threads, modals, its commands. */
export const wording = {
  openingThread: () => 'Opening your session in a thread…',
  sessionIn: (threadMention: string) => `Your session is in ${threadMention}.`,
  threadUnavailable: () =>
    'I can’t open a thread in this channel (missing permission), so your session continues here. ' +
    'A server admin can give me Create Private Threads, Create Public Threads and Send Messages in Threads.',
  notARecording: () =>
    'That file is not a recording. Attach your spoken answer as audio or video (a voice memo, mp3, m4a, ' +
    'ogg, webm or wav), or type it with the Answer button.',
  forgetConfirm: () =>
    'This deletes your sessions, answers and progress stored for this server. It cannot be undone.',
  forgetCancelled: () => 'Nothing was deleted.',
  progressEmpty: () => 'No answers yet. Start a session with /practice.',
  help: () =>
    [
      '**/practice** `[pack] [kind] [level] [count]`: a mock interview in a thread of its own. ' +
        'Answer with the **Answer** button (or by writing in the thread, where the server allows).',
      '**/answer** `recording`: answer the current question out loud: attach a recording in the session’s ' +
        'thread and get the transcript, your pace and filler words, then the feedback. Where the server ' +
        'allows, a voice message in the thread works too.',
      '**/drill**: your open assignments first, then your reviews that are due and the question of the day.',
      '**/progress**: your assignments, scores by competency, streak, reviews due and this week’s points (only you see it).',
      '**/settings** `[timezone] [leaderboard] [remind] [streak]`: your own timezone, whether you are on the ' +
        'leaderboard, a daily reminder (HH:MM, none or off) and the streak-at-risk note.',
      '**/leaderboard**: this week’s top members (only those who joined it).',
      '**/pair** `join [pack] [kind] [level]`: a peer mock interview: I match you with another member, open a ' +
        'private thread for you both, and give each of you in turn the interviewer’s scorecard. `/pair cancel` ' +
        'leaves the queue; `/pair block` (or `unblock`) a member, privately; `/pair card` shows your card again.',
      '**/forget**: delete everything stored about you here.',
      'For admins and instructors, all answered privately:',
      '**/coach-config**: run in a channel, makes it a cohort and sets its drill channel, time, timezone, days, ' +
        'pack and level; pause, resume, skip a day or `action:remove`; the instructor role.',
      '**/cohorts**: the server’s cohorts with their schedules, members, instructors and open assignments.',
      '**/cohort-member** `add|remove member [role] [channel]`: add a member or instructor to a cohort, or remove them.',
      '**/assign** `pack due [count|questions] [channel]`: give a cohort questions to answer by a date.',
      '**/cohort** `[period] [channel]`: a cohort’s participation and weak spots over 7, 30 or 90 days, with a chart.',
      '**/roster** `[channel] [period]`: each member’s activity, average, trend, streak and assignments (only you see it).',
      '**/export** `[channel] [period|since] [answers]`: the cohort’s attempts as a CSV file only you see.',
      '**/dashboard**: a private link to the web dashboard with your cohorts’ charts and rosters (members: their own progress page).',
    ].join('\n'),
  /** `<t:…:f>` shows the expiry in the reader's own timezone. */
  dashboardLink: (url: string, expiresAt: number, ownPage: boolean) =>
    [
      `[Open ${ownPage ? 'your progress page' : 'the dashboard'}](<${url}>)`,
      `This link is yours alone and works for 24 hours, until <t:${Math.floor(expiresAt / 1000)}:f>. Anyone who has it sees what you see, so keep it to yourself; run /dashboard again for a new one.`,
    ].join('\n'),
  drillHowTo: () =>
    'Write your answer in the thread and everyone sees the feedback, or press Answer and only you will.',
  drillStatus: (paused: boolean, channelSet: boolean) => {
    if (paused) return 'Paused: no drills are posted until `/coach-config action:resume`.';
    return channelSet ? 'Posting on the days below.' : 'Not posting: set a drill channel first.';
  },
  instructorRoleSaved: () => 'Saved: members with that role may now create cohorts and see reports.',
  configUsage: () =>
    'Change any of them with /coach-config options, e.g. days:mon-fri level:junior, action:pause or ' +
    'action:skip skip_date:2026-12-24 (today when no date).',
  settingsUsage: () =>
    'Change yours with /settings timezone:Europe/Berlin (none uses the server’s), leaderboard:True, ' +
    'remind:18:00 (none: no daily reminder; off: no reminders at all) or streak:True.',
  remindAt: (time: string) => `daily at ${time} your time`,
  remindNone: () => 'no daily reminder (assignment reminders still come)',
  remindOff: () => 'off: no reminders at all',
  streakAlertOn: () => 'on: a note in the evening when your streak is at risk',
  streakAlertOff: () => 'off',
  noCohorts: () =>
    'There are no cohorts you teach yet. Run /coach-config in a channel to make that channel a cohort.',
  assignmentLine: (packTitle: string, count: number, due: string) => `${packTitle} ×${count} due ${due}`,
  memberRemoved: (user: string, sentence: string) => `<@${user}>: ${sentence}`,
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
  pairWaiting: (pack: string, what: string, minutes: number, cohort: boolean) =>
    `You’re in the ${cohort ? 'cohort’s' : 'server’s'} queue for a peer mock interview: ${pack}${what ? ` (${what})` : ''}, for up to ${minutes} minutes. When someone joins I open a private thread for you both.`,
  pairAlreadyWaiting: (pack: string, what: string, minutes: number) =>
    `You’re already in the queue for ${pack}${what ? ` (${what})` : ''}; you wait up to ${minutes} minutes from when you joined.`,
  pairMatched: (partner: string, thread: string | null) =>
    `You’re paired with <@${partner}>: the session is in ${thread ? `<#${thread}>` : 'a private thread'}, with you both (and me).`,
  pairLeft: () => 'You left the pairing queue.',
  pairNotWaiting: () =>
    'You’re not in the pairing queue here any more (you were matched, or the wait ended). `/pair join` joins again.',
  pairBlocked: (user: string) =>
    `You won’t be paired with <@${user}>. They are not told. \`/pair unblock\` undoes it.`,
  pairUnblocked: (user: string) => `You can be paired with <@${user}> again.`,
  pairSubmitted: (finished: boolean) =>
    finished
      ? 'Scorecard submitted. You each have your summary in a direct message.'
      : 'Scorecard submitted. Roles swap: your partner now has the scorecard.',
  pairEnded: () => 'You ended the session.',
  pairCardReady: (interviewer: string) => `<@${interviewer}>, your scorecard is ready: only you can open it.`,
  pairOpenDms: (user: string) =>
    `<@${user}>, I couldn’t send your summary: Discord refused a direct message. Allow direct messages from server members (Privacy Settings), then check your progress with /progress.`,
  pairNotCandidate: () =>
    'Only this round’s candidate answers in writing; the interviewer marks the scorecard.',
  pairCardTitle: (round: 0 | 1) => `Interviewer’s scorecard · round ${round + 1} of 2`,
  pairYouInterview: (candidate: string) => `You interview <@${candidate}>. Only you see this card.`,
  pairThreadName: () => 'Peer mock interview',
} as const;

/** Short labels and headings; no sentences. */
export const labels = {
  answer: 'Answer',
  answerModalTitle: 'Your answer',
  yourAnswer: 'Your answer',
  transcript: '🎙️ What I heard',
  voice: 'Speaking',
  peer: 'Peer mock interviews',
  deleteData: 'Delete my data',
  cancel: 'Cancel',
  followUp: 'Follow-up',
  hint: 'Hint',
  sampleAnswer: 'A strong answer',
  summary: 'Summary',
  strong: 'Strong',
  workOn: 'Work on',
  nextPractice: 'Next practice',
  covered: 'Covered',
  missing: 'Missing',
  redFlags: 'Red flags',
  notes: 'Notes',
  kind: 'Kind',
  level: 'Level',
  competency: 'Competency',
  questionOfTheDay: 'Question of the day',
  progress: 'Your progress',
  sessions: 'Sessions',
  answered: 'Answered',
  average: 'Average',
  lastSession: 'last session',
  byCompetency: 'By competency',
  byKind: 'By kind',
  settings: 'Cohort settings',
  drillChannel: 'Drill channel',
  drillTime: 'Drill time',
  timezone: 'Timezone',
  pack: 'Pack',
  notSet: 'not set',
  days: 'Days',
  anyLevel: 'any',
  skippedDates: 'Skipped dates',
  none: 'none coming up',
  instructorRole: 'Instructor role',
  yourSettings: 'Your settings',
  leaderboard: 'Leaderboard',
  week: 'week',
  streak: 'Streak',
  due: 'Due for review',
  weekPoints: 'Points this week',
  paused: 'paused',
  nobody: 'nobody yet',
  cohorts: 'Cohorts',
  members: 'Members',
  instructors: 'Instructors',
  openAssignments: 'Open assignments',
  noneOpen: 'none',
  assignment: 'Assignment',
  assignments: 'Your assignments',
  questions: 'Questions',
  statusDone: 'done',
  statusInProgress: 'in progress',
  statusOverdue: 'overdue',
  done: 'done',
  dueOn: 'due',
  reminders: 'Reminders',
  streakAlert: 'Streak alert',
  pairLeaveQueue: 'Leave queue',
  pairOpenCard: 'Open my scorecard',
  pairAnswerInWriting: 'Answer in writing',
  pairAsk: 'Ask',
  pairChecking: 'What you are really checking',
  pairKeyPoints: 'Key points (mark each)',
  pairRedFlags: 'Red flags to listen for',
  pairFollowUps: 'Follow-ups you can ask',
  pairOverall: 'Overall (1–5)',
  pairNotScored: 'not scored yet',
  pairMarkPoint: 'Mark a key point…',
  pairToggleFlag: 'Mark a red flag as heard…',
  pairCovered: 'Covered',
  pairPartly: 'Partly',
  pairMissed: 'Missed',
  pairHeard: 'Heard',
  pairSubmit: 'Submit scorecard',
  pairEnd: 'End session',
} as const;
