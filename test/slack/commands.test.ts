import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetConfirmId } from '../../adapters/slack/render-views.ts';
import { wording as slackWording } from '../../adapters/slack/wording.ts';
import { messages } from '../../src/core/messages.ts';
import type { ResponseUrlCall } from '../fakes/slack-server.ts';
import { buttonsOf, openSlackHarness, type SlackHarness, textOf } from './harness.ts';

let h: SlackHarness;
const instructor = 'UTEACH';

beforeAll(async () => {
  h = await openSlackHarness({ instructors: [instructor] });
  h.fake.users.set('UADMIN', { is_admin: true });
  h.fake.users.set('UOWNER', { is_owner: true });
});
afterAll(async () => {
  await h.close();
});

let responses = 0;

/** Runs a slash command and returns what it said privately through its response_url. */
async function command(
  name: string,
  text: string,
  user: string,
  channel = 'C20',
): Promise<ResponseUrlCall[]> {
  const id = `cmd-${++responses}`;
  const response = await h.requests.command(name, text, {
    user,
    channel,
    responseUrl: h.fake.responseUrl(id),
  });
  expect(response.status).toBe(200);
  return h.fake.responses.filter((call) => call.id === id);
}

const lastPost = () => h.fake.callsTo('chat.postMessage').at(-1)!;

/** Presses End on the session's first message: a graded question then counts in the user's history. */
async function pressEnd(user: string, channel: string, thread: string) {
  await h.requests.action('starcoach:end', {
    user,
    channel,
    responseUrl: h.fake.responseUrl(),
    message: { ts: thread },
  });
}

describe('/coach forget', () => {
  it('asks first, then deletes the user’s data when they confirm', async () => {
    const actor = { platform: 'slack', tenant: 'T1', user: 'U21' };
    await command('/coach', 'start medical-coding', 'U21');
    const thread = String(lastPost().result.ts);
    await h.requests.reply({
      user: 'U21',
      channel: 'C20',
      thread,
      text: 'I would code only what is documented.',
    });
    await pressEnd('U21', 'C20', thread);
    expect((await h.coach.progress(actor)).answered).toBe(1);

    const [prompt] = await command('/coach', 'forget', 'U21');
    expect(prompt?.body.response_type).toBe('ephemeral');
    expect(textOf(prompt!)).toContain(slackWording.forgetConfirm());
    expect(buttonsOf(prompt!)).toEqual([forgetConfirmId, 'starcoach:forget-cancel']);
    expect((await h.coach.progress(actor)).answered).toBe(1);

    const confirmUrl = h.fake.responseUrl('forget-confirm');
    await h.requests.action(forgetConfirmId, { user: 'U21', channel: 'C20', responseUrl: confirmUrl });
    const outcome = h.fake.responses.find((call) => call.id === 'forget-confirm')!;
    expect(outcome.body.replace_original).toBe(true);
    expect(textOf(outcome)).toMatch(/^Deleted all your data \(\d+ records\)\.$/);
    expect((await h.coach.progress(actor)).answered).toBe(0);
  });
});

describe('/coach config', () => {
  const cohortIn = async (channel: string) =>
    (await h.coach.tenantConfig('slack', 'T1')).cohorts.find((cohort) => cohort.drillChannel === channel);

  it('shows the cohorts to admins and instructors only, as Discord does', async () => {
    const [refused] = await command('/coach', 'config', 'U22');
    expect(textOf(refused!)).toBe(messages.notAllowedToConfigure());
    // No cohort anywhere yet: the core says how to make one.
    const [shown] = await command('/coach', 'config', instructor);
    expect(textOf(shown!)).toBe(messages.nameACohort([]));
  });

  it('refuses a change from someone who is neither admin nor instructor', async () => {
    const [refused] = await command('/coach', 'config time 10:00', 'U22');
    expect(textOf(refused!)).toBe(messages.notAllowedToConfigure());
    expect((await h.coach.tenantConfig('slack', 'T1')).cohorts).toEqual([]);
  });

  it('accepts a change from a workspace admin (users.info is_admin) for the channel it names', async () => {
    const text = 'config channel <#C99|drills> time 10:30 timezone America/New_York pack medical-coding';
    const [saved] = await command('/coach', text, 'UADMIN');
    expect(textOf(saved!)).toContain('Settings saved');
    expect(textOf(saved!)).toContain('<#C99>');
    expect(await cohortIn('C99')).toMatchObject({
      drillChannel: 'C99',
      drillTime: '10:30',
      timezone: 'America/New_York',
      packId: 'medical-coding',
      instructors: ['UADMIN'],
    });
    // Run in C20, it named C99: C20 is no cohort.
    expect(await cohortIn('C20')).toBeUndefined();
    expect(h.fake.callsTo('users.info').map((call) => call.body.user)).toContain('UADMIN');
  });

  it('accepts a change from a listed instructor and an owner, for the channel it is run in', async () => {
    const [byInstructor] = await command('/coach', 'config time 08:15', instructor);
    expect(textOf(byInstructor!)).toContain('Settings saved');
    const [byOwner] = await command('/coach', 'config timezone Europe/Berlin', 'UOWNER');
    expect(textOf(byOwner!)).toContain('Settings saved');
    expect(await cohortIn('C20')).toMatchObject({
      drillTime: '08:15',
      timezone: 'Europe/Berlin',
      instructors: [instructor],
    });
    expect(await cohortIn('C99')).toMatchObject({ drillTime: '10:30', timezone: 'America/New_York' });
  });

  it('says what is wrong with a bad value, and how to write a change', async () => {
    const [badTime] = await command('/coach', 'config time 9am', 'UADMIN');
    expect(textOf(badTime!)).toBe(messages.invalidDrillTime('9am'));
    const [usage] = await command('/coach', 'config colour blue', 'UADMIN');
    expect(textOf(usage!)).toContain(slackWording.configUsage());
  });
});

describe('/drill', () => {
  it('posts the question of the day in the channel and grades the answer in its thread', async () => {
    const [nothing] = await command('/drill', '', 'U23', 'C23');
    expect(nothing).toBeUndefined();
    const question = lastPost();
    expect(question.body.channel).toBe('C23');
    expect(textOf(question)).toMatch(/^Question of the day · \d{4}-\d{2}-\d{2}/);
    const thread = String(question.result.ts);
    await h.requests.reply({
      user: 'U23',
      channel: 'C23',
      thread,
      text: 'I would check the documentation first.',
    });
    const final = h.fake.callsTo('chat.update').at(-1)!;
    expect(textOf(final)).toMatch(/^Score [1-5]\/5/);
    await pressEnd('U23', 'C23', thread);
    // A one-question drill ends with a short private line, not a summary repeating the feedback.
    expect(textOf(h.fake.callsTo('chat.postEphemeral').at(-1)!)).toMatch(/^That was today’s drill: [1-5]\/5/);

    const [again] = await command('/drill', '', 'U24', 'C23');
    expect(again).toBeUndefined();
    expect(lastPost().body.thread_ts).toBeUndefined();
    expect(textOf(lastPost())).toBe(textOf(question));
  });
});

describe('/coach help, progress and a second start', () => {
  it('answers help and unknown subcommands privately', async () => {
    const [help] = await command('/coach', '', 'U25');
    expect(textOf(help!)).toContain('*/coach start*');
    for (const subcommand of ['config', 'cohorts', 'cohort add', 'cohort', 'assign', 'settings']) {
      expect(textOf(help!)).toContain(`*/coach ${subcommand}*`);
    }
    expect(textOf(help!)).toContain('remind 18:00');
    const [unknown] = await command('/coach', 'dance', 'U25');
    expect(textOf(unknown!)).toContain(slackWording.unknownCommand('dance'));
  });

  it('offers Resume or Start over privately, and Resume re-posts the question in a new thread', async () => {
    await command('/coach', 'start medical-coding', 'U26', 'C26');
    const [offer] = await command('/coach', 'start medical-coding', 'U26', 'C26');
    expect(buttonsOf(offer!)).toEqual(['starcoach:resume', 'starcoach:restart']);
    const before = h.fake.callsTo('chat.postMessage').length;
    await h.requests.action('starcoach:resume', {
      user: 'U26',
      channel: 'C26',
      responseUrl: h.fake.responseUrl(),
    });
    const reposted = h.fake.callsTo('chat.postMessage').slice(before);
    expect(reposted).toHaveLength(1);
    expect(reposted[0]!.body.thread_ts).toBeUndefined();
    expect(textOf(reposted[0]!)).toMatch(/^Q1\/5/);
  });

  it('shows progress privately', async () => {
    const [progress] = await command('/coach', 'progress', 'U23');
    expect(textOf(progress!)).toContain('*Answered*\n1');
    expect(textOf(progress!)).toContain('By competency');
  });
});
