/**
 * Sentences only Slack needs (its commands, its errors, App Home). They belong with the rest of the
 * wording in `src/core/messages.ts`; they live here until the core takes them, and nothing else in the
 * adapter writes sentences.
 */
export const slackText = {
  help: (packs: readonly string[], kinds: readonly string[], levels: readonly string[]) =>
    [
      '*/coach start* `[pack] [kind] [level] [count]`: practise in a thread. Reply in the thread to answer.',
      `Packs: ${packs.join(', ')} · kinds: ${kinds.join(', ')} · levels: ${levels.join(', ')}`,
      '*/drill*: the question of the day, the same for everyone here.',
      '*/coach progress*: your scores by competency and what to practise next (also in my Home tab).',
      '*/coach forget*: delete everything I keep about you.',
      '*/coach config*: drill channel, time, timezone and pack (workspace admins and instructors).',
    ].join('\n'),
  unknownCommand: (word: string) => `I don't know "${word}".`,
  configUsage: () =>
    'Change settings like this: `/coach config channel #drills time 09:00 timezone America/New_York pack medical-coding` (any of them; `none` clears the channel or pack).',
  notSet: () => 'not set',
  packDefault: () => 'the default pack',
  forgetConfirm: () =>
    'This deletes your sessions, answers and progress in this workspace. It cannot be undone.',
  forgetCancelled: () => 'Nothing was deleted.',
  homeEmpty: () => 'No practice yet. Run `/coach start` in a channel I am in, or here in Messages, to begin.',
  nextCommand: (command: string) => `Next: \`${command}\``,
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
