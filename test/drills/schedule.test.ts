import { describe, expect, it } from 'vitest';
import { newCohort } from '../../src/core/cohort-settings.ts';
import { duePostToday, nextDrillPost } from '../../src/core/drill-schedule.ts';
import { defaultDrillSettings } from '../../src/core/records.ts';

const newYork = {
  ...newCohort('C-drill', defaultDrillSettings(), 'U-teacher', 0),
  drillTime: '09:00',
  timezone: 'America/New_York',
  weekdays: [0, 1, 2, 3, 4, 5, 6],
};
const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

describe('drill schedule', () => {
  it('keeps 09:00 local across the March and November daylight-saving changes', () => {
    expect(iso(nextDrillPost(newYork, Date.parse('2026-03-07T15:00:00Z'))?.at)).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(iso(nextDrillPost(newYork, Date.parse('2026-03-06T15:00:00Z'))?.at)).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(iso(nextDrillPost(newYork, Date.parse('2026-10-31T14:00:00Z'))?.at)).toBe(
      '2026-11-01T14:00:00.000Z',
    );
    expect(iso(nextDrillPost(newYork, Date.parse('2026-10-30T14:00:00Z'))?.at)).toBe(
      '2026-10-31T13:00:00.000Z',
    );
  });

  it('posts in a zone ahead of UTC on the local date', () => {
    const tokyo = { ...newYork, timezone: 'Asia/Tokyo', drillTime: '08:00' };
    expect(nextDrillPost(tokyo, Date.parse('2026-11-23T00:00:00Z'))).toEqual({
      at: Date.parse('2026-11-23T23:00:00Z'),
      date: '2026-11-24',
    });
  });

  it('follows weekday rules, skip days and pause', () => {
    const weekdays = { ...newYork, weekdays: [1, 2, 3, 4, 5] };
    // Friday 2026-11-27 after the post: next is Monday the 30th.
    expect(nextDrillPost(weekdays, Date.parse('2026-11-27T15:00:00Z'))?.date).toBe('2026-11-30');
    expect(
      nextDrillPost({ ...weekdays, skipDates: ['2026-11-30'] }, Date.parse('2026-11-27T15:00:00Z'))?.date,
    ).toBe('2026-12-01');
    expect(nextDrillPost({ ...weekdays, paused: true }, Date.parse('2026-11-27T15:00:00Z'))).toBeNull();
    expect(nextDrillPost({ ...weekdays, weekdays: [] }, Date.parse('2026-11-27T15:00:00Z'))).toBeNull();
  });

  it('says a post is due once the local time has passed, the same local day only', () => {
    expect(duePostToday(newYork, Date.parse('2026-11-23T13:59:00Z'))).toBeNull();
    expect(duePostToday(newYork, Date.parse('2026-11-23T14:00:00Z'))).toEqual({ date: '2026-11-23' });
    expect(duePostToday(newYork, Date.parse('2026-11-24T04:59:00Z'))).toEqual({ date: '2026-11-23' });
    expect(duePostToday({ ...newYork, weekdays: [2] }, Date.parse('2026-11-23T15:00:00Z'))).toBeNull();
    expect(
      duePostToday({ ...newYork, skipDates: ['2026-11-23'] }, Date.parse('2026-11-23T15:00:00Z')),
    ).toBeNull();
  });
});
