import { describe, expect, it } from 'vitest';
import { pointsFor } from '../../src/drills/points.ts';
import { dueReviews, nextReview, type ReviewState } from '../../src/drills/repetition.ts';
import { addDays, computeStreak, dayBefore, isoWeek } from '../../src/drills/streak.ts';

const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

describe('streaks', () => {
  it('counts consecutive practised days up to today', () => {
    expect(computeStreak(days('2026-11-17', 7), '2026-11-23')).toMatchObject({
      current: 7,
      practisedToday: true,
    });
  });

  it('keeps the run alive until today ends', () => {
    expect(computeStreak(days('2026-11-17', 6), '2026-11-23')).toMatchObject({
      current: 6,
      practisedToday: false,
    });
  });

  it('bridges one missed day per week with a freeze, not two', () => {
    // Mon 16 … Sun 22 with Wed 18 missed: bridged.
    const oneGap = [
      '2026-11-16',
      '2026-11-17',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ];
    expect(computeStreak(oneGap, '2026-11-23')).toMatchObject({ current: 7, frozenDays: ['2026-11-18'] });
    // Two single gaps in the same ISO week (Tue 17 and Thu 19): only the later is bridged.
    const twoGaps = ['2026-11-16', '2026-11-18', '2026-11-20', '2026-11-21', '2026-11-22'];
    expect(computeStreak(twoGaps, '2026-11-22').current).toBe(4);
    // A gap in each of two weeks: both bridged.
    const twoWeeks = ['2026-11-14', '2026-11-16', '2026-11-17', '2026-11-19', '2026-11-20'];
    expect(computeStreak(twoWeeks, '2026-11-20')).toMatchObject({
      current: 5,
      frozenDays: ['2026-11-18', '2026-11-15'],
    });
  });

  it('does not bridge two missed days in a row', () => {
    expect(computeStreak(['2026-11-18', '2026-11-19', '2026-11-22'], '2026-11-22').current).toBe(1);
    expect(computeStreak(['2026-11-19'], '2026-11-23').current).toBe(0);
  });

  it('names ISO weeks, Monday first, across the year boundary', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-11-22')).toBe('2026-W47');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
  });
});

describe('the day before', () => {
  it('is the calendar day before, across months, year ends and leap days', () => {
    const wrong: string[] = [];
    for (let date = '2023-01-01'; date <= '2029-12-31'; date = addDays(date, 1)) {
      if (dayBefore(date) !== addDays(date, -1)) wrong.push(date);
    }
    expect(wrong).toEqual([]);
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(dayBefore('2026-12-10')).toBe('2026-12-09');
  });
});

describe('spaced repetition', () => {
  it('brings poor answers back tomorrow and spaces good ones out', () => {
    const poor = nextReview(undefined, 2, '2026-11-23');
    expect(poor).toMatchObject({ reps: 0, intervalDays: 1, due: '2026-11-24' });
    let state: ReviewState | undefined;
    const intervals: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      state = nextReview(state, 5, '2026-11-23');
      intervals.push(state.intervalDays);
    }
    expect(intervals[0]).toBe(1);
    expect(intervals[1]).toBe(3);
    expect(intervals[2]).toBeGreaterThan(3);
    expect(intervals[3]).toBeGreaterThan(intervals[2]!);
    const afterLapse = nextReview(state, 1, '2026-12-01');
    expect(afterLapse).toMatchObject({ reps: 0, intervalDays: 1, due: '2026-12-02' });
    expect(afterLapse.ease).toBeLessThan(state!.ease);
    expect(afterLapse.ease).toBeGreaterThanOrEqual(1.3);
  });

  it('lists due items most overdue first', () => {
    const reviews = {
      a: { reps: 1, ease: 2.5, intervalDays: 1, due: '2026-11-22' },
      b: { reps: 1, ease: 2.5, intervalDays: 1, due: '2026-11-20' },
      c: { reps: 1, ease: 2.5, intervalDays: 1, due: '2026-11-25' },
    };
    expect(dueReviews(reviews, '2026-11-23')).toEqual(['b', 'a']);
  });
});

describe('leaderboard points', () => {
  it('rewards answering and improving more than raw score', () => {
    expect(pointsFor(5, null)).toBe(15);
    expect(pointsFor(2, null)).toBe(12);
    expect(pointsFor(4, 2)).toBe(24);
    expect(pointsFor(3, 5)).toBe(13);
  });
});
