/**
 * The few sentences only Discord needs (threads, modals, slash-command help). Everything the coach says
 * comes from the core's `messages`; these belong in `src/core/messages.ts` once the lead merges them.
 */
export const wording = {
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
      '**/drill**: the server’s question of the day.',
      '**/progress**: your scores by competency and what to practise next (only you see it).',
      '**/forget**: delete everything stored about you here.',
      '**/coach-config**: drill channel, time, timezone and pack (Manage Server only).',
    ].join('\n'),
} as const;

/** Short labels and headings; no sentences. */
export const labels = {
  answer: 'Answer',
  answerModalTitle: 'Your answer',
  yourAnswer: 'Your answer',
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
  settings: 'Server settings',
  drillChannel: 'Drill channel',
  drillTime: 'Drill time',
  timezone: 'Timezone',
  pack: 'Pack',
  notSet: 'not set',
} as const;
