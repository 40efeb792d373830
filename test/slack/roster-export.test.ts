import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/core/messages.ts';
import type { Actor } from '../../src/core/ports.ts';
import { emptyHistory } from '../../src/core/records.ts';
import { rosterText } from '../../src/core/roster-text.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import type { ResponseUrlCall } from '../fakes/slack-server.ts';
import { openSlackHarness, type SlackHarness, textOf } from './harness.ts';

const teacher = 'UTEACH';
const other = 'UOTHER';
const clock = new ManualClock(Date.parse('2026-11-23T12:00:00Z'));
let h: SlackHarness;
let responses = 0;
const actor = (user: string, roles: Actor['roles'] = []): Actor => ({
  platform: 'slack',
  tenant: 'T1',
  user,
  roles,
});

beforeAll(async () => {
  h = await openSlackHarness({ instructors: [teacher, other], clock });
  await h.coach.configureCohort(actor(teacher, ['instructor']), 'C1COHORT', { timezone: 'UTC' });
  await h.coach.configureCohort(actor(other, ['instructor']), 'C2COHORT', { timezone: 'UTC' });
  await h.coach.addCohortMembers(actor(teacher, ['instructor']), 'C1COHORT', ['U41', 'U42'], 'member');
  const at = Date.parse('2026-11-22T10:00:00Z');
  await h.store.putHistory(actor('U41'), {
    ...emptyHistory(),
    attempts: [
      {
        at,
        packId: 'medical-coding',
        questionId: 'q1',
        kind: 'technical',
        competencies: ['queries'],
        score: 4,
      },
    ],
    activeDays: ['2026-11-22'],
  });
});
afterAll(async () => h.close());

async function command(text: string, user: string, channel = 'C1COHORT'): Promise<ResponseUrlCall[]> {
  const id = `roster-cmd-${++responses}`;
  await h.requests.command('/coach', text, { user, channel, responseUrl: h.fake.responseUrl(id) });
  return h.fake.responses.filter((call) => call.id === id);
}

describe('/coach roster', () => {
  it('shows the instructor a line per member, least active first, privately', async () => {
    const [shown] = await command('roster 7d', teacher);
    expect(shown?.body.response_type).toBe('ephemeral');
    const roster = await h.coach.roster(actor(teacher, ['instructor']), 'C1COHORT', 7);
    expect(textOf(shown!)).toBe(rosterText(roster, clock.now()));
    expect(textOf(shown!).split('\n').slice(1)).toEqual([
      '<@U42> · never active · 0 answers · avg – · streak 0',
      '<@U41> · active 1 day ago · 1 answer · avg 4.0 · streak 1',
    ]);
  });

  it('refuses a member, an instructor of another cohort, and a bad period', async () => {
    expect(textOf((await command('roster', 'U41'))[0]!)).toBe(messages.notYourCohort('C1COHORT'));
    expect(textOf((await command('roster <#C1COHORT|one>', other, 'C2COHORT'))[0]!)).toBe(
      messages.notYourCohort('C1COHORT'),
    );
    expect(textOf((await command('roster 12d', teacher))[0]!)).toBe(messages.invalidPeriod('12d'));
  });
});

describe('/coach export', () => {
  it('uploads the CSV into the DM with the instructor and says so privately', async () => {
    const start = h.fake.timeline.length;
    const [said] = await command('export <#C1COHORT|one> 30d', teacher, 'C9ELSEWHERE');
    expect(said?.body.response_type).toBe('ephemeral');
    expect(textOf(said!)).toBe(messages.exportSent(1, 'starcoach-C1COHORT-2026-10-24-to-2026-11-23.csv'));
    expect(h.fake.timeline.slice(start).filter((entry) => entry !== 'users.info')).toEqual([
      'conversations.open',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
      'respond',
    ]);
    const ticket = h.fake.callsTo('files.getUploadURLExternal').at(-1)!;
    const upload = h.fake.uploads.get(String(ticket.result.file_id))!;
    expect(upload.filename).toBe('starcoach-C1COHORT-2026-10-24-to-2026-11-23.csv');
    const rows = parse(upload.bytes.toString('utf8')) as string[][];
    expect(rows[1]).toEqual([
      'slack',
      'T1',
      'C1COHORT',
      'U41',
      '2026-11-22T10:00:00.000Z',
      'medical-coding',
      'q1',
      'technical',
      'queries',
      '4',
      '',
      '',
    ]);
    expect(h.fake.callsTo('files.completeUploadExternal').at(-1)!.body.channel_id).toBe(`D${teacher}`);
  });

  it('refuses a member and another cohort’s instructor, and uploads nothing', async () => {
    const uploads = h.fake.callsTo('files.getUploadURLExternal').length;
    expect(textOf((await command('export', 'U41'))[0]!)).toBe(messages.notYourCohort('C1COHORT'));
    expect(textOf((await command('export', other))[0]!)).toBe(messages.notYourCohort('C1COHORT'));
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(uploads);
  });
});
