/**
 * What the core says about cohorts, assignments and reminders. A channel is written `<#id>`, which
 * Slack and Discord both show as the channel's name.
 */
export const cohortMessages = {
  notYourCohort: (channel: string) =>
    `You don't teach the cohort in <#${channel}>. Ask a workspace admin or one of its instructors.`,
  noCohortHere: (channel: string) =>
    `<#${channel}> has no cohort yet. An admin or instructor can make one by configuring it there: set its drill time or pack.`,
  nameACohort: (channels: string[]) =>
    channels.length === 0
      ? 'There are no cohorts yet. Run the config command in a channel to make that channel a cohort.'
      : `Name the cohort's channel, or run this in it. Cohorts: ${channels.map((c) => `<#${c}>`).join(', ')}.`,
  configureWhere: () =>
    'Run the config command in the cohort’s channel, or name the channel (channel #name).',
  cohortRemoved: (channel: string) =>
    `<#${channel}> is no longer a cohort: no more drills there. Members keep their history.`,
  tooManyCohorts: (limit: number) => `A workspace can have at most ${limit} cohorts. Remove one first.`,
  membersAdded: (count: number, channel: string, role: 'member' | 'instructor') =>
    `Added ${count} ${role}${count === 1 ? '' : 's'} to the cohort in <#${channel}>.`,
  memberRemoved: (channel: string) => `Removed from the cohort in <#${channel}>.`,
  noMembersNamed: () => 'Name at least one member, like @alex.',
  invalidDue: (value: string) =>
    `"${value}" is not a due date. Use YYYY-MM-DD (like 2026-12-24), tomorrow, or a number of days like 7d.`,
  dueInPast: (due: string, today: string) =>
    `The due date ${due} has passed (today is ${today} in the cohort's timezone). Pick today or later.`,
  invalidAssignCount: (size: number) =>
    `Assign between 1 and ${size} questions, or name question ids from the pack.`,
  assigned: (count: number, packTitle: string, channel: string, due: string) =>
    `Assigned ${count} ${packTitle} question${count === 1 ? '' : 's'} to <#${channel}>, due ${due}.`,
  assignmentIntro: (channel: string, done: number, total: number, due: string) =>
    `Assignment for <#${channel}>: ${done} of ${total} done, due ${due}. Its questions come first; the question of the day comes after.`,
  invalidPeriod: (value: string) => `"${value}" is not a period. Use 7d, 30d or 90d.`,
} as const;
