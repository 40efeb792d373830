import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wording as slackWording } from '../../adapters/slack/wording.ts';
import { cohortReportText } from '../../src/core/cohort-report.ts';
import { messages } from '../../src/core/messages.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import type { ResponseUrlCall } from '../fakes/slack-server.ts';
import { gradeOf, openSlackHarness, type SlackHarness, SlowFeedbackModel, textOf } from './harness.ts';

const instructor = 'UTEACH';
const model = new SlowFeedbackModel(0, () => gradeOf(4, 'Solid answer.'));
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let h: SlackHarness;
let responses = 0;

beforeAll(async () => {
  // A Wednesday noon: U41 moves to Berlin between practising and the leaderboard, and on the real
  // clock late on a Sunday (UTC) that move lands in the next ISO week, with no points yet.
  h = await openSlackHarness({
    feedback: model,
    instructors: [instructor],
    clock: new ManualClock(Date.UTC(2026, 10, 25, 12)),
  });
  // Two members practise: one question each, graded 4, so both have points this week.
  for (const user of ['U41', 'U42']) await answerOneQuestion(user, `C${user}`);
});
afterAll(async () => {
  await h.close();
});

const actor = (user: string) => ({ platform: 'slack', tenant: 'T1', user });

async function command(text: string, user: string, channel = 'C40'): Promise<ResponseUrlCall[]> {
  const id = `member-cmd-${++responses}`;
  await h.requests.command('/coach', text, { user, channel, responseUrl: h.fake.responseUrl(id) });
  return h.fake.responses.filter((call) => call.id === id);
}

async function answerOneQuestion(user: string, channel: string) {
  await h.requests.command('/coach', 'start medical-coding 1', {
    user,
    channel,
    responseUrl: h.fake.responseUrl(),
  });
  const question = h.fake
    .callsTo('chat.postMessage')
    .filter((call) => call.body.channel === channel)
    .at(-1)!;
  const thread = String(question.result.ts);
  await h.requests.reply({ user, channel, thread, text: 'I code only what is documented.' });
}

describe('/coach settings', () => {
  it('shows my settings, with the workspace’s timezone when I set none', async () => {
    const [shown] = await command('settings', 'U41');
    expect(shown?.body.response_type).toBe('ephemeral');
    expect(textOf(shown!)).toContain(`*Your timezone*\n${slackWording.workspaceTimeZone('UTC')}`);
    expect(textOf(shown!)).toContain(`*Leaderboard*\n${slackWording.leaderboardOff()}`);
  });

  it('sets my timezone, and says what is wrong with one that does not exist', async () => {
    const [saved] = await command('settings timezone Europe/Berlin', 'U41');
    expect(textOf(saved!)).toContain('Settings saved');
    expect(textOf(saved!)).toContain('*Your timezone*\nEurope/Berlin');
    expect((await h.coach.memberSettings(actor('U41'))).timezone).toBe('Europe/Berlin');

    const [refused] = await command('settings timezone Mars/Olympus_Mons', 'U41');
    expect(textOf(refused!)).toBe(messages.invalidTimeZone('Mars/Olympus_Mons'));
    expect((await h.coach.memberSettings(actor('U41'))).timezone).toBe('Europe/Berlin');

    const [usage] = await command('settings colour blue', 'U41');
    expect(textOf(usage!)).toBe(slackWording.settingsUsage());
  });
});

describe('/coach settings remind and streak', () => {
  it('shows no reminders until I choose them, then takes a time, none or off, and the streak alert', async () => {
    const [shown] = await command('settings', 'U42');
    expect(textOf(shown!)).toContain(`*Reminder*\n${slackWording.remindNone()}`);
    expect(textOf(shown!)).toContain(`*Streak alert*\n${slackWording.streakOff()}`);

    const [saved] = await command('settings remind 18:00 streak on', 'U42');
    expect(textOf(saved!)).toContain('Settings saved');
    expect(textOf(saved!)).toContain(`*Reminder*\n${slackWording.remindAt('18:00')}`);
    expect(textOf(saved!)).toContain(`*Streak alert*\n${slackWording.streakOn()}`);
    expect(await h.coach.memberSettings(actor('U42'))).toMatchObject({ remind: '18:00', streakAlert: true });

    const [off] = await command('settings remind off', 'U42');
    expect(textOf(off!)).toContain(`*Reminder*\n${slackWording.remindOff()}`);
    expect((await h.coach.memberSettings(actor('U42'))).remind).toBe('off');
    await command('settings remind none streak off', 'U42');
    expect(await h.coach.memberSettings(actor('U42'))).toMatchObject({ remind: null, streakAlert: false });

    const [refused] = await command('settings remind 25:00', 'U42');
    expect(textOf(refused!)).toBe(messages.invalidDrillTime('25:00'));
    const [usage] = await command('settings streak maybe', 'U42');
    expect(textOf(usage!)).toBe(slackWording.settingsUsage());
  });
});

describe('/coach leaderboard', () => {
  it('says how to join, then ranks only members who joined, with my own row', async () => {
    const [before] = await command('leaderboard', 'U41');
    expect(textOf(before!)).toMatch(/^Leaderboard · week \d{4}-W\d{2}\n/);
    expect(textOf(before!)).toContain(slackWording.leaderboardEmpty());
    expect(textOf(before!)).toContain(slackWording.leaderboardOptIn());

    const [joined] = await command('settings leaderboard on', 'U41');
    expect(textOf(joined!)).toContain(`*Leaderboard*\n${slackWording.leaderboardOn()}`);

    const board = await h.coach.leaderboard(actor('U41'));
    const points = board.you!.points;
    expect(points).toBeGreaterThan(0);
    const [mine] = await command('leaderboard', 'U41');
    expect(textOf(mine!)).toContain(`1. <@U41> · ${slackWording.points(points)}`);
    expect(textOf(mine!)).toContain(slackWording.leaderboardYou(1, points));
    expect(textOf(mine!)).not.toContain('U42');

    // U42 practised too but has not joined: they see the board, and how to join it.
    const [theirs] = await command('leaderboard', 'U42');
    expect(textOf(theirs!)).toContain('1. <@U41>');
    expect(textOf(theirs!)).toContain(slackWording.leaderboardOptIn());
  });
});

describe('/coach progress', () => {
  it('shows the streak, reviews due and this week’s points', async () => {
    const report = await h.coach.progress(actor('U42'));
    const [progress] = await command('progress', 'U42');
    expect(textOf(progress!)).toContain('*Streak*\n1 day :white_check_mark:');
    expect(textOf(progress!)).toContain(`*Due for review*\n${report.due}`);
    expect(textOf(progress!)).toContain(`*Points this week*\n${report.weekPoints}`);
    expect(report.weekPoints).toBeGreaterThan(0);
  });
});

describe('/coach cohort', () => {
  it('refuses a member, and uploads nothing', async () => {
    const [refused] = await command('cohort', 'U41');
    expect(textOf(refused!)).toBe(messages.notAllowedToConfigure());
    expect(h.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('gives an instructor the figures, then the chart as a PNG in our DM through the external upload', async () => {
    const report = await h.coach.cohortReport({ ...actor(instructor), roles: ['instructor'] });
    const start = h.fake.timeline.length;
    const replies = await command('cohort', instructor, 'C40');
    expect(textOf(replies[0]!)).toContain(cohortReportText(report).split('\n')[0]!);
    expect(textOf(replies[0]!)).toContain('2 of 2 members practised');
    expect(textOf(replies[0]!)).toContain(slackWording.cohortChartInDm());
    expect(replies).toHaveLength(1);

    expect(h.fake.timeline.slice(start).filter((entry) => entry !== 'users.info')).toEqual([
      'respond',
      'conversations.open',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const opened = h.fake.callsTo('conversations.open').at(-1)!;
    expect(opened.body.users).toBe(instructor);
    const ticket = h.fake.callsTo('files.getUploadURLExternal').at(-1)!;
    const upload = h.fake.uploads.get(String(ticket.result.file_id))!;
    expect(upload.filename).toBe('cohort-report.png');
    expect(upload.bytes.subarray(0, 8)).toEqual(pngSignature);
    expect(Number(ticket.body.length)).toBe(upload.bytes.length);
    const completed = h.fake.callsTo('files.completeUploadExternal').at(-1)!;
    expect(completed.body.channel_id).toBe(`D${instructor}`);
    expect(completed.body.files).toEqual([
      { id: upload.fileId, title: slackWording.cohortChartTitle(report.periodDays) },
    ]);
  });

  it('still gives the figures when the upload fails, and says the chart is missing', async () => {
    h.fake.fail('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
    const replies = await command('cohort', instructor, `D${instructor}`);
    expect(replies.map((reply) => textOf(reply).split('\n')[0])).toEqual([
      slackWording.cohortChartTitle(30),
      slackWording.cohortChartFailed(),
    ]);
    // Run in our DM: no pointer to the DM, and no need to open one.
    expect(textOf(replies[0]!)).not.toContain(slackWording.cohortChartInDm());
    expect(h.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
