import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardLinkSigner, DashboardViewer } from '../../src/core/dashboard-types.ts';
import { messages } from '../../src/core/messages.ts';
import type { Actor } from '../../src/core/ports.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { openSlackHarness, type SlackHarness, textOf } from './harness.ts';

const teacher = 'UTEACH';
const clock = new ManualClock(Date.parse('2026-11-23T12:00:00Z'));
const signed: DashboardViewer[] = [];
/** The port the web adapter implements; this one records whom it signed for. */
const signer: DashboardLinkSigner = {
  sign(viewer, now) {
    signed.push(viewer);
    return {
      url: `https://coach.example.org/d/token-${signed.length}`,
      expiresAt: now + 86_400_000,
      role: viewer.role,
    };
  },
};
let on: SlackHarness;
let off: SlackHarness;
let ids = 0;

beforeAll(async () => {
  on = await openSlackHarness({ instructors: [teacher], clock, dashboardLinks: signer });
  off = await openSlackHarness({ instructors: [teacher], clock });
  const instructor: Actor = { platform: 'slack', tenant: 'T1', user: teacher, roles: ['instructor'] };
  await on.coach.configureCohort(instructor, 'C1COHORT', { timezone: 'UTC' });
});
afterAll(async () => {
  await on?.close();
  await off?.close();
});

async function dashboard(h: SlackHarness, user: string) {
  const id = `dash-${++ids}`;
  await h.requests.command('/coach', 'dashboard', {
    user,
    channel: 'C1COHORT',
    responseUrl: h.fake.responseUrl(id),
  });
  const [said] = h.fake.responses.filter((call) => call.id === id);
  return said!;
}

describe('/coach dashboard', () => {
  it('hands an instructor a private link to their cohorts, with when it stops working', async () => {
    const said = await dashboard(on, teacher);
    expect(said.body.response_type).toBe('ephemeral');
    const text = textOf(said);
    expect(text).toContain('<https://coach.example.org/d/token-1|Open the dashboard>');
    // 24 hours from the coach's clock, in the reader's own timezone (UTC as the fallback).
    expect(text).toContain(`<!date^${Math.floor(clock.now() / 1000) + 86_400}^`);
    expect(text).toContain('|2026-11-24 12:00 UTC>');
    expect(signed.at(-1)).toEqual({
      platform: 'slack',
      tenant: 'T1',
      user: teacher,
      role: 'instructor',
      cohorts: ['C1COHORT'],
    });
  });

  it('gives a member a link to their own progress page only', async () => {
    const text = textOf(await dashboard(on, 'U41'));
    expect(text).toContain('|Open your progress page>');
    expect(signed.at(-1)).toMatchObject({ user: 'U41', role: 'member', cohorts: [] });
  });

  it('says how to turn the dashboard on when it is off', async () => {
    const said = await dashboard(off, teacher);
    expect(said.body.response_type).toBe('ephemeral');
    expect(textOf(said)).toContain('STARCOACH_WEB_SECRET');
    expect(textOf(said)).not.toContain('http');
    expect(messages.dashboardOff()).toContain('STARCOACH_PUBLIC_URL');
  });
});
