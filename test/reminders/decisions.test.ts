import { describe, expect, it } from 'vitest';
import {
  createDirectSender,
  type DirectMessenger,
  RateLimitedError,
} from '../../src/core/direct-messages.ts';
import { buildInstructorDigest, digestWeekDue } from '../../src/core/instructor-digest.ts';
import { defaultMemberSettings, emptyHistory, type MemberSettings } from '../../src/core/records.ts';
import { dueReminders, hasChances, reminderChances, reminderTimeZone } from '../../src/core/reminders.ts';
import { miniPack } from '../support/core-harness.ts';
import { assignmentOf, attemptOf, cohortOf } from './fixtures.ts';

const packs = new Map([[miniPack.id, miniPack]]);
const settings = (change: Partial<MemberSettings>): MemberSettings => ({
  ...defaultMemberSettings(),
  ...change,
});
const history = (activeDays: string[], attempts = [] as ReturnType<typeof attemptOf>[]) => ({
  ...emptyHistory(),
  activeDays,
  attempts,
});
/** What is due for a member at an instant (ISO), in their zone. */
function due(
  member: MemberSettings,
  cohorts: ReturnType<typeof cohortOf>[],
  iso: string,
  past = history([]),
) {
  const now = Date.parse(iso);
  const zone = reminderTimeZone(member, cohorts, 'UTC');
  return dueReminders(reminderChances(member, cohorts, now, zone), past, cohorts, now, zone).map(
    (item) => item.kind,
  );
}

describe('which reminders are due', () => {
  const utc = cohortOf('C1');
  const newYork = cohortOf('C2', { timezone: 'America/New_York' });

  it('takes the member’s zone, else their first cohort’s, else the workspace’s', () => {
    expect(reminderTimeZone(settings({ timezone: 'Asia/Tokyo' }), [newYork], 'UTC')).toBe('Asia/Tokyo');
    expect(reminderTimeZone(settings({ cohorts: ['C2', 'C1'] }), [utc, newYork], 'UTC')).toBe(
      'America/New_York',
    );
    expect(reminderTimeZone(settings({}), [], 'Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('sends the daily reminder from the member’s local time on a drill day, unless they practised', () => {
    const member = settings({ remind: '18:00', cohorts: ['C2'] });
    // Monday 2026-11-23: 17:59 and 18:00 in New York.
    expect(due(member, [newYork], '2026-11-23T22:59:00Z')).toEqual([]);
    expect(due(member, [newYork], '2026-11-23T23:00:00Z')).toEqual(['daily']);
    expect(due(member, [newYork], '2026-11-23T23:00:00Z', history(['2026-11-23']))).toEqual([]);
    // Answered at 10:00 New York time: the attempt says so even when activeDays used another zone.
    const answered = history(['2026-11-22'], [attemptOf(Date.parse('2026-11-23T15:00:00Z'))]);
    expect(due(member, [newYork], '2026-11-23T23:00:00Z', answered)).toEqual([]);
    // Saturday: no drill, no reminder.
    expect(due(member, [newYork], '2026-11-28T23:00:00Z')).toEqual([]);
    expect(due(member, [cohortOf('C2', { paused: true })], '2026-11-23T23:00:00Z')).toEqual([]);
  });

  it('sends the streak note from 19:00 for a run of two days or more that today would break', () => {
    const member = settings({ streakAlert: true });
    const run = history(['2026-11-21', '2026-11-22']);
    expect(due(member, [utc], '2026-11-23T18:59:00Z', run)).toEqual([]);
    expect(due(member, [utc], '2026-11-23T19:00:00Z', run)).toEqual(['streak']);
    expect(due(member, [utc], '2026-11-23T19:00:00Z', history(['2026-11-22']))).toEqual([]);
    expect(due(member, [utc], '2026-11-23T19:00:00Z', history(['2026-11-22', '2026-11-23']))).toEqual([]);
  });

  it('sends the assignment reminder the day before it is due from the drill time, unless done or off', () => {
    const cohort = cohortOf('C1', { assignments: [assignmentOf('2026-11-24')] });
    const member = settings({});
    expect(due(member, [cohort], '2026-11-23T08:59:00Z')).toEqual([]);
    expect(due(member, [cohort], '2026-11-23T09:00:00Z')).toEqual(['assignment']);
    expect(due(member, [cohort], '2026-11-24T09:00:00Z')).toEqual([]);
    const done = history([], [attemptOf(Date.parse('2026-11-23T08:00:00Z'))]);
    expect(due(member, [cohort], '2026-11-23T09:00:00Z', done)).toEqual([]);
    expect(due(settings({ remind: 'off' }), [cohort], '2026-11-23T09:00:00Z')).toEqual([]);
  });

  it('gives an opted-out member nothing at all, before reading any history', () => {
    const cohort = cohortOf('C1', { assignments: [assignmentOf('2026-11-24')] });
    const member = settings({ remind: 'off', streakAlert: true });
    const chances = reminderChances(member, [cohort], Date.parse('2026-11-23T20:00:00Z'), 'UTC');
    expect(hasChances(chances)).toBe(false);
    expect(hasChances(reminderChances(settings({}), [utc], Date.parse('2026-11-23T20:00:00Z'), 'UTC'))).toBe(
      false,
    );
  });

  it('combines every item due at once, the most pressing first', () => {
    const cohort = cohortOf('C1', { assignments: [assignmentOf('2026-11-24')] });
    const member = settings({ remind: '18:00', streakAlert: true });
    expect(due(member, [cohort], '2026-11-23T19:30:00Z', history(['2026-11-21', '2026-11-22']))).toEqual([
      'assignment',
      'streak',
      'daily',
    ]);
  });

  it('builds the instructors’ digest on Mondays from the drill time', () => {
    const cohort = cohortOf('C1', {
      instructors: ['I1'],
      assignments: [assignmentOf('2026-11-20'), assignmentOf('2026-11-27')],
    });
    expect(digestWeekDue(cohort, Date.parse('2026-11-23T08:59:00Z'))).toBeNull();
    expect(digestWeekDue(cohort, Date.parse('2026-11-23T09:00:00Z'))).toBe('2026-W48');
    expect(digestWeekDue(cohort, Date.parse('2026-11-24T09:00:00Z'))).toBeNull();
    const now = Date.parse('2026-11-23T09:00:00Z');
    const digest = buildInstructorDigest(
      cohort,
      [
        { user: 'U1', history: history([], [attemptOf(now - 86_400_000, 'chest-pain', 2)]) },
        { user: 'U2', history: history([], [attemptOf(now - 8 * 86_400_000)]) },
        { user: 'U3', history: history([]) },
      ],
      packs,
      now,
      '2026-11-23',
    );
    expect(digest.inactive).toEqual(['U2', 'U3']);
    expect(digest.assignments.map((row) => [row.assignment.due, row.done])).toEqual([['2026-11-27', 2]]);
    expect(digest.weakest).toEqual([{ competency: 'documentation', average: 2, attempts: 1 }]);
  });
});

describe('the direct-message sender', () => {
  it('waits out a 429’s retry-after, then sends; gives up after its attempts', async () => {
    const waits: number[] = [];
    let refusals = 1;
    const delivered: string[] = [];
    const messenger: DirectMessenger = {
      platform: 'slack',
      async sendDirect(_tenant, user) {
        if (refusals-- > 0) throw new RateLimitedError(3000);
        delivered.push(user);
      },
    };
    const wait = async (ms: number) => {
      waits.push(ms);
    };
    const sender = createDirectSender({ messengers: [messenger], wait, maxAttempts: 3 });
    await sender.send('slack', 'T1', 'U1', { kind: 'daily', text: 'hi' });
    expect(waits).toEqual([3000]);
    expect(delivered).toEqual(['U1']);
    refusals = 5;
    await expect(sender.send('slack', 'T1', 'U2', { kind: 'daily', text: 'hi' })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(waits).toEqual([3000, 3000, 6000]);
    expect(delivered).toEqual(['U1']);
  });

  it('keeps at most maxInFlight messages in flight per platform', async () => {
    let inFlight = 0;
    let most = 0;
    const messenger: DirectMessenger = {
      platform: 'discord',
      async sendDirect() {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
      },
    };
    const sender = createDirectSender({ messengers: [messenger], maxInFlight: 3 });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        sender.send('discord', 'G1', `U${index}`, { kind: 'daily', text: 'hi' }),
      ),
    );
    expect(most).toBe(3);
  });
});
