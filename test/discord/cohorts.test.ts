import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrillScheduler, type DrillScheduler } from '../../src/core/drill-scheduler.ts';
import {
  type FakeDiscord,
  type FakeUser,
  type InteractionOptions,
  manageGuild,
} from '../fakes/discord-server.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';
import {
  answerThroughModal,
  callbacksOf,
  channel,
  type DiscordHarness,
  embedTitle,
  hasButton,
  openDiscordHarness,
  StreamingModel,
  subcommand,
  user,
  waitForMessage,
} from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

const minute = 60_000;
const day = 24 * 60 * minute;
const notAllowed =
  'Only workspace or server admins and instructors can see or change these settings. Ask one of them.';
const notYours = (channelId: string) =>
  `You don't teach the cohort in <#${channelId}>. Ask a workspace admin or one of its instructors.`;

/** The private answer a staff command ended with: its deferred original response, once filled. */
function privateReply(fake: FakeDiscord, interactionId: string): Promise<Json> {
  return fake.waitFor(() => {
    const original = [...fake.messages.values()].find(
      (m) => m.interaction_token === `token-${interactionId}` && (m.content || m.embeds.length),
    );
    return original && callbacksOf(fake, interactionId).length ? original : undefined;
  }, `the reply to ${interactionId}`);
}

const fieldsOf = (message: Json): Record<string, string> =>
  Object.fromEntries(message.embeds[0].fields.map((f: Json) => [f.name, f.value]));

/**
 * Two cohorts in one server: #practice (Ada, an admin, made it: 09:00 UTC every day) and #backend
 * (Grace, who has the instructor role, made it: 09:30 New York time, Monday to Friday). Linus is a
 * member. The manual clock starts on Monday 23 November 2026, 09:00 UTC.
 */
describe('Discord cohorts, members and assignments', () => {
  let h: DiscordHarness;
  let fake: FakeDiscord;
  let scheduler: DrillScheduler;
  let practice: string;
  let backend: string;
  let linus: FakeUser;
  const admin: InteractionOptions = { memberPermissions: manageGuild };
  let grace: InteractionOptions;
  let member: InteractionOptions;

  /** Runs a command and returns its private answer, after checking it was deferred as ephemeral. */
  async function run(name: string, options: Parameters<FakeDiscord['command']>[1], as: InteractionOptions) {
    const command = fake.command(name, options, as);
    const reply = await privateReply(fake, command.id);
    expect(callbacksOf(fake, command.id)[0]).toEqual({ type: 5, data: { flags: 64 } });
    expect(reply.flags & 64).toBe(64);
    return reply;
  }

  beforeAll(async () => {
    h = await openDiscordHarness({
      feedback: new StreamingModel(() => gradeOf(4, null, { feedback: 'Good.' })),
      channels: ['backend', 'lounge'],
    });
    fake = h.fake;
    practice = h.channels.practice!;
    backend = h.channels.backend!;
    linus = fake.user('linus');
    grace = { memberPermissions: '0', user: fake.other, roles: [fake.instructorRoleId] };
    member = { memberPermissions: '0', user: linus };
    scheduler = createDrillScheduler({
      store: h.store,
      packs: new Map([[miniPack.id, miniPack]]),
      defaultPackId: miniPack.id,
      clock: h.clock,
      logger: h.logger,
      posters: [h.adapter.drillPoster],
    });
  });
  afterAll(async () => h.close());

  it('/coach-config in a channel makes it a cohort; two cohorts post at their own times', async () => {
    const role = { instructor_role: { type: 8, value: fake.instructorRoleId } };
    expect((await run('coach-config', role, admin)).content).toBe(
      'Saved: members with that role may now create cohorts and see reports.',
    );
    const a = await run(
      'coach-config',
      { 'drill-time': '09:00', timezone: 'UTC', days: 'daily', pack: 'mini' },
      { ...admin, channelId: practice },
    );
    expect(fieldsOf(a)).toMatchObject({
      'Drill channel': `<#${practice}>`,
      'Drill time': '09:00',
      Timezone: 'UTC',
      Days: 'every day',
      Instructors: `<@${fake.owner.id}>`,
    });
    const b = await run(
      'coach-config',
      { 'drill-time': '09:30', timezone: 'America/New_York', days: 'mon-fri' },
      { ...grace, channelId: backend },
    );
    expect(fieldsOf(b)).toMatchObject({
      'Drill channel': `<#${backend}>`,
      'Drill time': '09:30',
      Timezone: 'America/New_York',
      Days: 'Mon–Fri',
      Instructors: `<@${fake.other.id}>`,
    });
    const config = await h.store.getTenantConfig('discord', fake.guildId);
    expect(Object.keys(config.cohorts).sort()).toEqual([practice, backend].sort());
    expect(config.cohorts[backend]!.instructors).toEqual([fake.other.id]);

    const posts = (channelId: string) =>
      fake.messagesIn(channelId).filter((m) => embedTitle(m).startsWith('Question of the day'));
    // 09:00 UTC: #practice's time; in New York it is 04:00.
    expect(await scheduler.runDue()).toEqual([`discord:${fake.guildId}`]);
    expect(posts(practice).map(embedTitle)).toEqual(['Question of the day · 2026-11-23']);
    expect(posts(backend)).toEqual([]);
    h.clock.advance(5 * 60 * minute + 29 * minute); // 14:29 UTC, 09:29 in New York
    expect(await scheduler.runDue()).toEqual([]);
    h.clock.advance(minute); // 09:30 in New York
    expect(await scheduler.runDue()).toEqual([`discord:${fake.guildId}`]);
    expect(await scheduler.runDue()).toEqual([]);
    expect(posts(backend).map(embedTitle)).toEqual(['Question of the day · 2026-11-23']);
    expect(posts(practice)).toHaveLength(1);
  });

  it('/cohorts: every cohort for an admin, their own for an instructor, none for a member', async () => {
    const all = await run('cohorts', {}, admin);
    expect(embedTitle(all)).toBe('Cohorts (2)');
    const names = all.embeds[0].fields.map((f: Json) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\d\. 09:00 UTC, every day$/),
        expect.stringMatching(/^\d\. 09:30 America\/New_York, Mon–Fri$/),
      ]),
    );
    const own = await run('cohorts', {}, grace);
    expect(embedTitle(own)).toBe('Cohorts (1)');
    expect(own.embeds[0].fields[0].value).toBe(
      [`<#${backend}>`, `Members: 0 · Instructors: <@${fake.other.id}>`, 'Open assignments: none'].join('\n'),
    );
    expect((await run('cohorts', {}, member)).content).toBe(notAllowed);
  });

  it('/coach-config with no options shows the channel’s cohort, else the one the actor teaches', async () => {
    const lounge = { channelId: h.channels.lounge! };
    // Grace teaches one cohort: run anywhere, that is the one shown.
    expect(fieldsOf(await run('coach-config', {}, { ...grace, ...lounge }))['Drill channel']).toBe(
      `<#${backend}>`,
    );
    // An admin sees every cohort, so outside them the core asks which.
    const which = await run('coach-config', {}, { ...admin, ...lounge });
    expect(which.content).toMatch(/^Name the cohort's channel, or run this in it\. Cohorts: /);
    expect(which.content).toContain(`<#${practice}>`);
    expect(which.content).toContain(`<#${backend}>`);
  });

  it('/cohort-member adds and removes members, here or in the channel named', async () => {
    const added = await run(
      'cohort-member',
      { add: subcommand({ member: user(linus.id) }) },
      { ...grace, channelId: backend },
    );
    expect(added.content).toBe(`Added 1 member to the cohort in <#${backend}>.`);
    // Run elsewhere, the channel option says which cohort.
    const passer = fake.user('passer');
    const elsewhere = await run(
      'cohort-member',
      { add: subcommand({ member: user(passer.id), channel: channel(backend) }) },
      { ...grace, channelId: practice },
    );
    expect(elsewhere.content).toBe(`Added 1 member to the cohort in <#${backend}>.`);
    expect((await h.store.cohortMembers('discord', fake.guildId, backend)).sort()).toEqual(
      [linus.id, passer.id].sort(),
    );
    const remove = fake.command(
      'cohort-member',
      { remove: subcommand({ member: user(passer.id) }) },
      { ...grace, channelId: backend },
    );
    const removed = await privateReply(fake, remove.id);
    expect(removed.content).toBe(`<@${passer.id}>: Removed from the cohort in <#${backend}>.`);
    // The mention is shown, never pinged.
    const [edit] = fake.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/token-${remove.id}/messages/`));
    expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
    expect(await h.store.cohortMembers('discord', fake.guildId, backend)).toEqual([linus.id]);
    const listed = await run('cohorts', {}, grace);
    expect(listed.embeds[0].fields[0].value).toContain('Members: 1 ·');
  });

  it('/assign with pack autocomplete; /progress shows it, /drill counts answers, past due is overdue', async () => {
    const typed = fake.autocomplete('assign', 'pack', 'min', { ...grace, channelId: backend });
    await fake.waitFor(() => callbacksOf(fake, typed.id)[0], 'the pack choices');
    expect(callbacksOf(fake, typed.id)[0]).toEqual({
      type: 8,
      data: { choices: [{ name: 'Mini Coder (mini)', value: 'mini' }] },
    });
    const where = { ...grace, channelId: backend };
    // 14:30 UTC is 09:30 in New York: "tomorrow" is the cohort's.
    const first = await run('assign', { pack: 'mini', due: 'tomorrow', questions: 'chest-pain' }, where);
    expect(embedTitle(first)).toBe('Assignment');
    expect(first.embeds[0].description).toBe(
      `Assigned 1 Mini Coder question to <#${backend}>, due 2026-11-24.`,
    );
    expect(fieldsOf(first).Questions).toMatch(/^`chest-pain` A physician documents chest pain/);
    const second = await run('assign', { pack: 'mini', due: '2026-11-23', questions: 'upcoding' }, where);
    expect(second.embeds[0].description).toBe(
      `Assigned 1 Mini Coder question to <#${backend}>, due 2026-11-23.`,
    );

    const before = await run('progress', {}, member);
    expect(before.embeds[0].description).toBe('No answers yet. Start a session with /practice.');
    expect(fieldsOf(before)['Your assignments']).toBe(
      [
        `**in progress** · Mini Coder · 0/1 done · due 2026-11-23 · <#${backend}>`,
        `**in progress** · Mini Coder · 0/1 done · due 2026-11-24 · <#${backend}>`,
      ].join('\n'),
    );

    // /drill asks the assignment due first, after a notice saying what it is.
    const drill = fake.command('drill', {}, { ...member, channelId: backend });
    const notice = await fake.waitFor(
      () =>
        [...fake.messages.values()].find(
          (m) => m.interaction_token === `token-${drill.id}` && embedTitle(m) === 'Assignment',
        ),
      'the assignment notice',
    );
    expect(notice.flags & 64).toBe(64);
    expect(notice.embeds[0].description).toBe(
      `Assignment for <#${backend}>: 0 of 1 done, due 2026-11-23. Its questions come first; the question of the day comes after.`,
    );
    const thread = await fake.waitFor(
      () => [...fake.channels.values()].find((c) => c.parent_id === backend && c.type === 12),
      'the session thread',
    );
    const question = await waitForMessage(fake, thread.id, hasButton('starcoach:answer'), 'the question');
    expect(embedTitle(question)).toBe('What is upcoding?');
    await answerThroughModal(fake, question.id, 'Billing a higher level than documented.', { user: linus });
    await waitForMessage(fake, thread.id, (m) => embedTitle(m) === 'Score 4/5', 'the feedback');

    const after = await run('progress', {}, member);
    expect(fieldsOf(after)['Your assignments']).toBe(
      [
        `**in progress** · Mini Coder · 0/1 done · due 2026-11-24 · <#${backend}>`,
        `**done** · Mini Coder · 1/1 done · due 2026-11-23 · <#${backend}>`,
      ].join('\n'),
    );
    expect(fieldsOf(after).Answered).toBe('1');

    // Two days on, in New York too, the open one is overdue; the done one stays done.
    h.clock.advance(2 * day);
    const late = await run('progress', {}, member);
    expect(fieldsOf(late)['Your assignments']).toBe(
      [
        `**overdue** · Mini Coder · 0/1 done · due 2026-11-24 · <#${backend}>`,
        `**done** · Mini Coder · 1/1 done · due 2026-11-23 · <#${backend}>`,
      ].join('\n'),
    );
    const open = await run('cohorts', {}, grace);
    expect(open.embeds[0].fields[0].value).toContain('Open assignments: none');
  });

  it('/assign explains a bad due date, a past one, a missing count and an unknown question', async () => {
    const where = { ...grace, channelId: backend };
    expect((await run('assign', { pack: 'mini', due: 'someday', count: 1 }, where)).content).toBe(
      '"someday" is not a due date. Use YYYY-MM-DD (like 2026-12-24), tomorrow, or a number of days like 7d.',
    );
    expect((await run('assign', { pack: 'mini', due: '2026-11-01', count: 1 }, where)).content).toMatch(
      /^The due date 2026-11-01 has passed/,
    );
    expect((await run('assign', { pack: 'mini', due: '7d' }, where)).content).toBe(
      'Assign between 1 and 3 questions, or name question ids from the pack.',
    );
    expect((await run('assign', { pack: 'mini', due: '7d', questions: 'nope' }, where)).content).toBe(
      'The pack mini has no question "nope".',
    );
  });

  it('refuses members and other cohorts’ instructors, and changes nothing', async () => {
    const before = await h.store.getTenantConfig('discord', fake.guildId);
    const inPractice = { channelId: practice };
    const inBackend = { channelId: backend };
    // A member configuring, listing, adding, assigning, reading another cohort's report.
    expect((await run('coach-config', { timezone: 'UTC' }, { ...member, ...inBackend })).content).toBe(
      notAllowed,
    );
    expect((await run('coach-config', {}, { ...member, ...inPractice })).content).toBe(notYours(practice));
    expect((await run('cohorts', {}, member)).content).toBe(notAllowed);
    const selfAdd = { add: subcommand({ member: user(linus.id), role: 'instructor' }) };
    expect((await run('cohort-member', selfAdd, { ...member, ...inBackend })).content).toBe(
      notYours(backend),
    );
    const assign = { pack: 'mini', due: 'tomorrow', count: 1 };
    expect((await run('assign', assign, { ...member, ...inBackend })).content).toBe(notYours(backend));
    const report = { channel: channel(practice) };
    expect((await run('cohort', report, { ...member, ...inBackend })).content).toBe(notYours(practice));
    // The instructor of #backend changing, assigning to, or adding to #practice.
    expect((await run('coach-config', { level: 'senior' }, { ...grace, ...inPractice })).content).toBe(
      notYours(practice),
    );
    expect((await run('assign', assign, { ...grace, ...inPractice })).content).toBe(notYours(practice));
    const addHere = { add: subcommand({ member: user(linus.id), channel: channel(practice) }) };
    expect((await run('cohort-member', addHere, { ...grace, ...inBackend })).content).toBe(
      notYours(practice),
    );
    expect((await run('cohort', { period: '7d' }, { ...grace, ...inPractice })).content).toBe(
      notYours(practice),
    );
    expect(await h.store.getTenantConfig('discord', fake.guildId)).toEqual(before);
    expect(await h.store.cohortMembers('discord', fake.guildId, practice)).toEqual([]);
  });

  it('/cohort reports on a period and a cohort named from elsewhere', async () => {
    const asked = fake.command(
      'cohort',
      { period: '7d', channel: channel(backend) },
      { ...grace, channelId: practice },
    );
    const upload = await fake.waitFor(
      () =>
        fake
          .callsTo('PATCH', new RegExp(`^/webhooks/\\d+/token-${asked.id}/messages/(@|%40)original$`))
          .find((call) => call.files.length),
      'the report with its chart',
    );
    expect(upload.body.content).toMatch(/^Last 7 days: 1 of 1 members practised, 1 answers\./);
    expect(upload.files.map((file) => file.filename)).toEqual(['cohort.png']);
    expect(callbacksOf(fake, asked.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
  });

  it('/coach-config action:remove ends a cohort; its drill is no longer posted', async () => {
    const gone = await run(
      'coach-config',
      { action: 'remove', 'drill-channel': channel(backend) },
      { ...admin, channelId: practice },
    );
    expect(gone.content).toBe(
      `<#${backend}> is no longer a cohort: no more drills there. Members keep their history.`,
    );
    const left = await run('cohorts', {}, admin);
    expect(embedTitle(left)).toBe('Cohorts (1)');
    expect(left.embeds[0].fields[0].value.split('\n')[0]).toBe(`<#${practice}>`);
    const postsIn = (channelId: string) =>
      fake.messagesIn(channelId).filter((m) => embedTitle(m).startsWith('Question of the day')).length;
    const [practiceBefore, backendBefore] = [postsIn(practice), postsIn(backend)];
    h.clock.advance(day); // Thursday, 14:30 UTC: both cohorts' times have passed
    expect(await scheduler.runDue()).toEqual([`discord:${fake.guildId}`]);
    expect([postsIn(practice), postsIn(backend)]).toEqual([practiceBefore + 1, backendBefore]);
    const again = await run('coach-config', { action: 'remove' }, { ...admin, channelId: backend });
    expect(again.content).toBe(
      `<#${backend}> has no cohort yet. An admin or instructor can make one by configuring it there: set its drill time or pack.`,
    );
  });
});
