import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/daily-question.ts';
import { createDrillScheduler, type DrillScheduler } from '../../src/core/drill-scheduler.ts';
import { type FakeDiscord, type InteractionOptions, manageGuild } from '../fakes/discord-server.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';
import {
  callbacksOf,
  type DiscordHarness,
  openDiscordHarness,
  StreamingModel,
  subcommand,
  user,
} from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The interaction's replies (its original response and follow-ups), oldest first, once `count` have content. */
function repliesTo(fake: FakeDiscord, interactionId: string, count = 1): Promise<Json[]> {
  return fake.waitFor(() => {
    const replies = [...fake.messages.values()].filter(
      (m) => m.interaction_token === `token-${interactionId}` && (m.content || m.embeds.length),
    );
    return replies.length >= count ? replies : undefined;
  }, `${count} replies to ${interactionId}`);
}

/** Answer on the drill post, then the modal Discord showed, submitted. */
async function answerDrill(fake: FakeDiscord, postId: string, answer: string, as: InteractionOptions = {}) {
  const click = fake.click(postId, 'starcoach:drill-answer', as);
  const modal = await fake.waitFor(
    () => callbacksOf(fake, click.id).find((callback) => callback.type === 9),
    'the answer modal',
  );
  expect(modal.data.custom_id).toMatch(/^starcoach:drill-modal:/);
  return fake.submitModal(modal.data.custom_id, { answer }, postId, as);
}

const finalFeedback = (message: Json) => /^Score \d\/5$/.test(message.embeds?.[0]?.title ?? '');

describe('Discord daily drills and member commands', () => {
  let h: DiscordHarness;
  let scheduler: DrillScheduler;

  beforeAll(async () => {
    // Monday 23 November 2026, 09:00 UTC (the manual clock's start).
    h = await openDiscordHarness({
      feedback: new StreamingModel(() => gradeOf(4, null, { feedback: 'Good drill answer.' })),
      messageContent: true,
    });
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

  it('posts the question of the day with a thread; members answer by modal (privately) and in the thread', async () => {
    const { fake } = h;
    expect(h.adapter.drillPoster.platform).toBe('discord');
    const options = {
      'drill-channel': { type: 7, value: fake.channelId },
      'drill-time': '09:00',
      timezone: 'UTC',
    };
    const config = fake.command('coach-config', options, { memberPermissions: manageGuild });
    await repliesTo(fake, config.id);
    expect(await scheduler.runDue()).toEqual([`discord:${fake.guildId}`]);
    expect(await scheduler.runDue()).toEqual([]);

    const post = fake
      .messagesIn(fake.channelId)
      .find((m) => m.embeds[0]?.title?.startsWith('Question of the day'));
    expect(post.embeds[0].title).toBe('Question of the day · 2026-11-23');
    expect(post.components[0].components.map((b: Json) => [b.label, b.custom_id.split(':')[1]])).toEqual([
      ['Answer', 'drill-answer'],
    ]);
    const threadCall = fake.callsTo('POST', /^\/channels\/\d+\/messages\/\d+\/threads$/);
    expect(threadCall.map((call) => call.path)).toEqual([
      `/channels/${fake.channelId}/messages/${post.id}/threads`,
    ]);
    const thread = fake.channels.get(post.id);
    expect(thread).toMatchObject({ parent_id: fake.channelId, name: 'Question of the day · 2026-11-23' });

    // Ada answers privately through the Answer button on the post.
    const modal = await answerDrill(fake, post.id, 'I would reconcile the codes first.');
    const privateReplies = await fake.waitFor(() => {
      const replies = [...fake.messages.values()].filter((m) => m.interaction_token === `token-${modal.id}`);
      return replies.some(finalFeedback) && replies.some((m) => m.content.startsWith('That was today'))
        ? replies
        : undefined;
    }, 'the private feedback');
    expect(callbacksOf(fake, modal.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(privateReplies.every((m: Json) => m.flags & 64)).toBe(true);
    const feedback = privateReplies.filter(finalFeedback)[0];
    expect(feedback.embeds[0].description).toBe('Good drill answer.');
    expect(fake.messagesIn(post.id)).toEqual([]);
    // Its buttons are bound to the drill's thread, and what they bring stays Ada's alone.
    const ids: string[] = feedback.components.flatMap((row: Json) =>
      row.components.map((b: Json) => b.custom_id),
    );
    const sample = ids.find((id) => id.startsWith('starcoach:sample'));
    expect(sample?.split(':')[1]).toBe(`sample@${post.id}`);
    const press = fake.click(feedback.id, sample!);
    const [strong] = await repliesTo(fake, press.id);
    expect(strong.flags & 64).toBe(64);
    expect(fake.messagesIn(post.id)).toEqual([]);

    // Grace answers in the thread, where everyone sees the feedback.
    fake.userMessage(post.id, 'I would check the documentation against the claim.', fake.other);
    const inThread = await fake.waitFor(
      () => fake.messagesIn(post.id).find(finalFeedback),
      'the feedback in the thread',
    );
    expect(inThread.embeds[0].description).toBe('Good drill answer.');
    await fake.quiet(200);
    // The shared thread stays open, and the private "that was today's drill" line is not posted in it.
    expect(fake.channels.get(post.id).thread_metadata.archived).toBe(false);
    expect(
      fake
        .messagesIn(post.id)
        .map((m) => m.content)
        .filter(Boolean),
    ).toEqual([]);

    // A second answer from Ada is told she has had today's question.
    const again = await answerDrill(fake, post.id, 'Another go.');
    const [done] = await repliesTo(fake, again.id);
    expect(done.content).toBe('You have already answered today’s question (4/5). A new one comes tomorrow.');
    expect(done.flags & 64).toBe(64);
  });

  it('/coach-config sets days, level, pause, skip and the instructor role; shows them all', async () => {
    const { fake } = h;
    const admin = { memberPermissions: manageGuild };
    const set = fake.command(
      'coach-config',
      {
        days: 'mon,wed,fri',
        level: 'junior',
        action: 'pause',
        instructor_role: { type: 8, value: fake.instructorRoleId },
      },
      admin,
    );
    const [saved] = await repliesTo(fake, set.id);
    const field = (message: Json, name: string) =>
      message.embeds[0].fields.find((f: Json) => f.name === name)?.value;
    expect(field(saved, 'Days')).toBe('Mon, Wed, Fri');
    expect(field(saved, 'Level')).toBe('junior');
    expect(field(saved, 'Instructor role')).toBe(`<@&${fake.instructorRoleId}>`);
    expect(saved.embeds[0].description).toContain('Paused');

    // "today" is the coach's (its clock's), in the server's timezone; so is what counts as still to come.
    const skip = fake.command('coach-config', { action: 'skip' }, admin);
    expect(field((await repliesTo(fake, skip.id))[0], 'Skipped dates')).toBe(localDate(h.clock.now(), 'UTC'));
    const bad = fake.command('coach-config', { days: 'mon,funday' }, admin);
    expect((await repliesTo(fake, bad.id))[0].content).toContain('Weekdays are numbers');

    // The instructor role alone does not let Grace change a cohort Ada made and teaches (the core's rule,
    // fed by the role); once Ada adds her as its instructor, it does.
    const instructor = { memberPermissions: '0', user: fake.other, roles: [fake.instructorRoleId] };
    const early = fake.command('coach-config', { action: 'resume' }, instructor);
    expect((await repliesTo(fake, early.id))[0].content).toBe(
      `You don't teach the cohort in <#${fake.channelId}>. Ask a workspace admin or one of its instructors.`,
    );
    const add = fake.command(
      'cohort-member',
      { add: subcommand({ member: user(fake.other.id), role: 'instructor' }) },
      admin,
    );
    expect((await repliesTo(fake, add.id))[0].content).toBe(
      `Added 1 instructor to the cohort in <#${fake.channelId}>.`,
    );
    const resume = fake.command('coach-config', { action: 'resume', level: 'any' }, instructor);
    const [resumed] = await repliesTo(fake, resume.id);
    expect(field(resumed, 'Instructors')).toBe(`<@${fake.owner.id}>, <@${fake.other.id}>`);
    expect(field(resumed, 'Level')).toBe('any');
    expect(resumed.embeds[0].description).toBe('Posting on the days below.');
    // Listed as its instructor, Grace sees the cohort even without the role; someone else does not.
    const listed = fake.command('coach-config', {}, { memberPermissions: '0', user: fake.other });
    expect(field((await repliesTo(fake, listed.id))[0], 'Level')).toBe('any');
    const member = fake.command('coach-config', {}, { memberPermissions: '0', user: fake.user('linus') });
    expect((await repliesTo(fake, member.id))[0].content).toBe(
      `You don't teach the cohort in <#${fake.channelId}>. Ask a workspace admin or one of its instructors.`,
    );
    const change = fake.command(
      'coach-config',
      { level: 'senior' },
      { memberPermissions: '0', user: fake.user('linus') },
    );
    expect((await repliesTo(fake, change.id))[0].content).toBe(
      'Only workspace or server admins and instructors can see or change these settings. Ask one of them.',
    );
  });

  it('/cohort is refused to a member; an instructor gets the figures and the PNG, privately', async () => {
    const { fake } = h;
    const role = { instructor_role: { type: 8, value: fake.instructorRoleId } };
    await repliesTo(fake, fake.command('coach-config', role, { memberPermissions: manageGuild }).id);
    // Someone the cohort does not list as an instructor, without Manage Server, is refused.
    const stranger = fake.user('linus');
    const refused = fake.command('cohort', {}, { memberPermissions: '0', user: stranger });
    expect((await repliesTo(fake, refused.id))[0].content).toBe(
      `You don't teach the cohort in <#${fake.channelId}>. Ask a workspace admin or one of its instructors.`,
    );

    // Grace teaches it (she was added in the test above; adding her again changes nothing).
    const again = fake.command(
      'cohort-member',
      { add: subcommand({ member: user(fake.other.id), role: 'instructor' }) },
      { memberPermissions: manageGuild },
    );
    await repliesTo(fake, again.id);
    const asked = fake.command(
      'cohort',
      {},
      { memberPermissions: '0', user: fake.other, roles: [fake.instructorRoleId] },
    );
    const upload = await fake.waitFor(
      () =>
        fake
          .callsTo('PATCH', new RegExp(`^/webhooks/\\d+/token-${asked.id}/messages/(@|%40)original$`))
          .find((call) => call.files.length),
      'the chart upload',
    );
    expect(callbacksOf(fake, asked.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(upload.files.map((f) => f.filename)).toEqual(['cohort.png']);
    expect(upload.files[0]!.bytes.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(upload.body.content).toBeTruthy();
  });

  it('/settings changes and shows my settings; /leaderboard shows the week and how to join', async () => {
    const { fake } = h;
    const shown = fake.command('settings', {});
    const [settings] = await repliesTo(fake, shown.id);
    expect(settings.embeds[0].fields.map((f: Json) => f.value)).toEqual([
      'the server’s (UTC)',
      'off: you are not shown on /leaderboard',
      'no daily reminder (assignment reminders still come)',
      'off',
    ]);
    const before = fake.command('leaderboard', {});
    expect((await repliesTo(fake, before.id))[0].embeds[0].description).toContain(
      'You are not on the leaderboard',
    );

    const bad = fake.command('settings', { timezone: 'Mars/Olympus' });
    expect((await repliesTo(fake, bad.id))[0].content).toContain('"Mars/Olympus" is not a timezone I know');
    const join = fake.command('settings', {
      timezone: 'Europe/Berlin',
      leaderboard: { type: 5, value: true as never },
    });
    const [joined] = await repliesTo(fake, join.id);
    expect(joined.embeds[0].fields.map((f: Json) => f.value)).toEqual([
      'Europe/Berlin',
      'on: you are shown on /leaderboard',
      'no daily reminder (assignment reminders still come)',
      'off',
    ]);
    const remind = fake.command('settings', { remind: '18:00', streak: { type: 5, value: true as never } });
    const [reminded] = await repliesTo(fake, remind.id);
    expect(reminded.embeds[0].fields.slice(2).map((f: Json) => f.value)).toEqual([
      'daily at 18:00 your time',
      'on: a note in the evening when your streak is at risk',
    ]);
    const off = fake.command('settings', { remind: 'OFF' });
    expect((await repliesTo(fake, off.id))[0].embeds[0].fields[2].value).toBe('off: no reminders at all');
    const none = fake.command('settings', { remind: 'none', streak: { type: 5, value: false as never } });
    expect((await repliesTo(fake, none.id))[0].embeds[0].fields.slice(2).map((f: Json) => f.value)).toEqual([
      'no daily reminder (assignment reminders still come)',
      'off',
    ]);
    const badTime = fake.command('settings', { remind: '25:00' });
    expect((await repliesTo(fake, badTime.id))[0].content).toBe(
      '"25:00" is not a time. Use 24-hour HH:MM, like 09:00 or 17:30.',
    );
    const stored = await h.store.getMemberSettings({
      platform: 'discord',
      tenant: fake.guildId,
      user: fake.owner.id,
    });
    expect(stored).toMatchObject({ remind: null, streakAlert: false });
    const board = fake.command('leaderboard', {});
    const description: string = (await repliesTo(fake, board.id))[0].embeds[0].description;
    expect(description.split('\n')[0]).toMatch(new RegExp(`^1\\. <@${fake.owner.id}> · \\d+ points?$`));
    expect(description).toMatch(/You: #1 with \d+ points? this week\./);
  });

  it('/progress shows streak, reviews due and points; /help lists the new commands', async () => {
    const { fake } = h;
    const progress = fake.command('progress', {});
    const [report] = await repliesTo(fake, progress.id);
    const names = report.embeds[0].fields.map((f: Json) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Streak', 'Due for review', 'Points this week']));
    expect(report.embeds[0].fields.find((f: Json) => f.name === 'Streak').value).toBe('1 day');
    const help = fake.command('help', {});
    const text: string = await fake.waitFor(
      () => callbacksOf(fake, help.id).find((callback) => callback.data?.content)?.data.content,
      'the help',
    );
    for (const command of [
      '/settings',
      '/leaderboard',
      '/cohort',
      '/coach-config',
      '/cohorts',
      '/cohort-member',
      '/assign',
      'remind',
    ]) {
      expect(text).toContain(command);
    }
  });
});
