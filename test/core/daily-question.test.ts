import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/content/load-pack.ts';
import { dailyQuestion, isValidTimeZone, localDate } from '../../src/core/daily-question.ts';

const pack = loadPacks().get('medical-coding')!;

describe('daily question', () => {
  it('visits every question before repeating one', () => {
    const days = Array.from(
      { length: pack.questions.length },
      (_, day) =>
        dailyQuestion(pack, 'slack:T1', new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10)).id,
    );
    expect(new Set(days).size).toBe(pack.questions.length);
  });

  it('differs between workspaces on the same day (usually) and is stable', () => {
    const picks = ['a', 'b', 'c', 'd', 'e'].map(
      (tenant) => dailyQuestion(pack, `slack:${tenant}`, '2026-11-23').id,
    );
    expect(new Set(picks).size).toBeGreaterThan(1);
    expect(dailyQuestion(pack, 'slack:a', '2026-11-23').id).toBe(picks[0]);
  });

  it('dates by the local calendar across daylight-saving changes', () => {
    expect(localDate(Date.UTC(2026, 2, 8, 4, 59), 'America/New_York')).toBe('2026-03-07');
    expect(localDate(Date.UTC(2026, 2, 8, 5, 0), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(Date.UTC(2026, 10, 23, 11, 0), 'Pacific/Auckland')).toBe('2026-11-24');
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Nowhere/Land')).toBe(false);
  });
});
