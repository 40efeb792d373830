import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Coach, createCoach } from '../../src/core/coach.ts';
import {
  type DashboardLinkSigner,
  type DashboardViewer,
  viewerActor,
} from '../../src/core/dashboard-types.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor } from '../../src/core/ports.ts';
import { type AttemptRecord, emptyHistory } from '../../src/core/records.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';

// Monday 23 November 2026, 12:00 UTC.
const now = Date.parse('2026-11-23T12:00:00Z');
const dayMs = 86_400_000;

/** A test double of the port the web adapter implements: the claims go into the URL as they are. */
const signer: DashboardLinkSigner = {
  sign: (viewer, signedAt) => ({
    url: `https://dash.test/open?claims=${encodeURIComponent(JSON.stringify(viewer))}`,
    expiresAt: signedAt + dayMs,
    role: viewer.role,
  }),
};

const actor = (tenant: string, user: string, roles: Actor['roles'] = []): Actor => ({
  platform: 'slack',
  tenant,
  user,
  roles,
});
const admin = actor('T1', 'UA', ['admin']);
const teacher = actor('T1', 'UT', ['instructor']);
const other = actor('T1', 'UO', ['instructor']);
const teacher2 = actor('T2', 'UT2', ['instructor']);

function attempt(daysAgo: number, questionId: string, score: number): AttemptRecord {
  const question = miniPack.questions.find((q) => q.id === questionId)!;
  return {
    at: now - daysAgo * dayMs,
    packId: 'mini',
    questionId,
    kind: question.kind,
    competencies: question.competencies,
    score,
  };
}

/** The viewer a link names, as the web adapter reads it back from a signed link. */
function viewerOf(url: string): DashboardViewer {
  return JSON.parse(decodeURIComponent(url.split('claims=')[1]!)) as DashboardViewer;
}

let store: CoachStore;
let coach: Coach;

beforeAll(async () => {
  const clock = new ManualClock(now);
  store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock, prefix: 'dashboard' });
  coach = createCoach({
    store,
    packs: new Map([[miniPack.id, miniPack]]),
    feedback: new ScriptedFeedbackModel(() => gradeOf(3)),
    clock,
    logger: silentLogger,
    dashboardLinks: signer,
  });
  // T1: C1 taught by UT (ann, ben), C2 taught by UO (eve). T2 has a cohort in a channel of the same id,
  // C1, with a member of its own (zed).
  await coach.configureCohort(teacher, 'C1', { timezone: 'America/Los_Angeles', packId: 'mini' });
  await coach.configureCohort(other, 'C2', { timezone: 'UTC' });
  await coach.configureCohort(teacher2, 'C1', { timezone: 'UTC' });
  await coach.addCohortMembers(teacher, 'C1', ['ann', 'ben'], 'member');
  await coach.addCohortMembers(other, 'C2', ['eve'], 'member');
  await coach.addCohortMembers(teacher2, 'C1', ['zed'], 'member');
  const histories: [Actor, AttemptRecord[]][] = [
    [actor('T1', 'ann'), [attempt(3, 'upcoding', 1), attempt(2, 'upcoding', 2), attempt(1, 'chest-pain', 4)]],
    [actor('T1', 'ben'), [attempt(2, 'upcoding', 3)]],
    [actor('T1', 'eve'), [attempt(1, 'upcoding', 5), attempt(1, 'error-caught', 5)]],
    [actor('T2', 'zed'), [attempt(1, 'error-caught', 2), attempt(1, 'error-caught', 2)]],
  ];
  for (const [member, attempts] of histories) {
    await store.putHistory(member, { ...emptyHistory(), attempts });
  }
  await store.logAnswers(actor('T1', 'ann'), [
    {
      at: now - dayMs,
      packId: 'mini',
      questionId: 'chest-pain',
      score: 4,
      source: 'llm',
      answers: ['I code R07.9 and query the physician.'],
      feedback: 'Good query.',
    },
  ]);
});

afterAll(async () => {
  await store?.close();
});

async function linkFor(who: Actor) {
  const link = await coach.dashboardLink(who);
  return { link, viewer: viewerOf(link.url) };
}

describe('dashboard links', () => {
  it('maps roles: admins see every cohort, instructors theirs, anyone else their own page', async () => {
    const forAdmin = await linkFor(admin);
    expect(forAdmin.link).toMatchObject({ role: 'admin', expiresAt: now + dayMs });
    expect(forAdmin.viewer).toEqual({
      platform: 'slack',
      tenant: 'T1',
      user: 'UA',
      role: 'admin',
      cohorts: ['C1', 'C2'],
    });
    expect((await linkFor(teacher)).viewer).toMatchObject({ role: 'instructor', cohorts: ['C1'] });
    expect((await linkFor(actor('T1', 'ann'))).viewer).toMatchObject({ role: 'member', cohorts: [] });
    // The instructor role alone teaches no cohort that names its instructors: a member's link.
    expect((await linkFor(actor('T1', 'UN', ['instructor']))).viewer).toMatchObject({
      role: 'member',
      cohorts: [],
    });
    // In T2, the same user id teaches T2's C1 only.
    expect((await linkFor(teacher2)).viewer).toMatchObject({
      tenant: 'T2',
      role: 'instructor',
      cohorts: ['C1'],
    });
  });

  it('says how to turn the dashboard on when there is no signer', async () => {
    const clock = new ManualClock(now);
    const bare = createCoach({
      store,
      packs: new Map([[miniPack.id, miniPack]]),
      feedback: new ScriptedFeedbackModel(() => gradeOf(3)),
      clock,
      logger: silentLogger,
    });
    const refusal = bare.dashboardLink(admin);
    await expect(refusal).rejects.toMatchObject({ code: 'DASHBOARD_OFF' });
    await expect(refusal).rejects.toThrow(/STARCOACH_WEB_SECRET.*STARCOACH_PUBLIC_URL.*restart/);
  });
});

describe('dashboard reads', () => {
  it('gives an instructor their cohort’s overview, roster and CSV', async () => {
    const { viewer } = await linkFor(teacher);
    const overview = await coach.dashboard.overview(viewer, 'C1', 7);
    expect(overview.cohort).toMatchObject({ channel: 'C1', members: 2, packTitle: 'Mini Coder' });
    expect(overview.participation).toHaveLength(8);
    expect(overview.participation.reduce((sum, day) => sum + day.answers, 0)).toBe(4);
    // upcoding: 1, 2, 3 (2.0); chest-pain has one answer only.
    expect(overview.hardestQuestions).toEqual([
      { packId: 'mini', questionId: 'upcoding', text: 'What is upcoding?', average: 2, answers: 3 },
    ]);
    const roster = await coach.dashboard.roster(viewer, 'C1', 30);
    expect(roster.members.map((row) => [row.user, row.answers])).toEqual([
      ['ben', 1],
      ['ann', 3],
    ]);
    const { csv, filename } = await coach.dashboard.rosterCsv(viewer, 'C1', 30);
    expect(filename).toMatch(/^starcoach-C1-.*\.csv$/);
    expect(csv.split('\n').filter((line) => line.length > 0)).toHaveLength(5);
  });

  it('lists the cohorts the link covers and the viewer may see; members get no workspace', async () => {
    const all = await coach.dashboard.workspace((await linkFor(admin)).viewer);
    expect(all).toMatchObject({ platform: 'slack', tenant: 'T1' });
    expect(all.cohorts.map((cohort) => [cohort.channel, cohort.members])).toEqual([
      ['C1', 2],
      ['C2', 1],
    ]);
    const narrowed = { ...(await linkFor(admin)).viewer, cohorts: ['C2'] };
    expect((await coach.dashboard.workspace(narrowed)).cohorts.map((c) => c.channel)).toEqual(['C2']);
    const mine = await coach.dashboard.workspace((await linkFor(teacher)).viewer);
    expect(mine.cohorts.map((c) => c.channel)).toEqual(['C1']);
    await expect(coach.dashboard.workspace((await linkFor(actor('T1', 'ann'))).viewer)).rejects.toMatchObject(
      { code: 'NOT_ALLOWED' },
    );
  });

  it('shows a member their own page, and their cohort’s instructor the same page', async () => {
    const ann = (await linkFor(actor('T1', 'ann'))).viewer;
    const own = await coach.dashboard.member(ann, null, 'ann', 30);
    expect(own).toMatchObject({ user: 'ann', cohort: null });
    expect(own.attempts.map((a) => a.score)).toEqual([1, 2, 4]);
    expect(own.answers).toEqual([
      expect.objectContaining({ questionId: 'chest-pain', feedback: 'Good query.' }),
    ]);
    expect((await coach.dashboard.member(ann, 'C1', 'ann', 30)).cohort).toBe('C1');
    const taught = await coach.dashboard.member((await linkFor(teacher)).viewer, 'C1', 'ann', 30);
    expect(taught).toEqual({ ...own, cohort: 'C1' });
  });
});

describe('dashboard refusals', () => {
  /** Every refusal of a cohort or member is the same, whether it exists or not. */
  async function refused(read: Promise<unknown>) {
    await expect(read).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is nothing to show here for this link. Ask the bot for a new dashboard link.',
    });
  }

  it('refuses a member another member’s page, and every cohort page', async () => {
    const ann = (await linkFor(actor('T1', 'ann'))).viewer;
    await refused(coach.dashboard.member(ann, null, 'ben', 30));
    await refused(coach.dashboard.member(ann, 'C1', 'ben', 30));
    await refused(coach.dashboard.overview(ann, 'C1', 30));
    await refused(coach.dashboard.roster(ann, 'C1', 30));
    await refused(coach.dashboard.rosterCsv(ann, 'C1', 30));
    // A member who claims a cohort in a link they made up is still no instructor of it.
    await refused(coach.dashboard.overview({ ...ann, cohorts: ['C1'] }, 'C1', 30));
  });

  it('refuses an instructor another cohort, its members, and cohorts that do not exist, alike', async () => {
    const mine = (await linkFor(teacher)).viewer;
    await refused(coach.dashboard.overview(mine, 'C2', 30));
    await refused(coach.dashboard.overview(mine, 'C9', 30));
    await refused(coach.dashboard.overview(mine, '__proto__', 30));
    await refused(coach.dashboard.roster(mine, 'C2', 30));
    await refused(coach.dashboard.rosterCsv(mine, 'C2', 30));
    await refused(coach.dashboard.member(mine, 'C2', 'eve', 30));
    await refused(coach.dashboard.member(mine, 'C1', 'eve', 30));
    await refused(coach.dashboard.member(mine, null, 'eve', 30));
    // C2 written into the link's scope: UO teaches it, not UT.
    await refused(coach.dashboard.overview({ ...mine, cohorts: ['C1', 'C2'] }, 'C2', 30));
  });

  it('keeps even an admin to the cohorts the link names', async () => {
    const narrowed = { ...(await linkFor(admin)).viewer, cohorts: ['C1'] };
    expect((await coach.dashboard.overview(narrowed, 'C1', 30)).cohort.channel).toBe('C1');
    await refused(coach.dashboard.overview(narrowed, 'C2', 30));
    await refused(coach.dashboard.member(narrowed, 'C2', 'eve', 30));
  });

  it('reads only the viewer’s own tenant, even for a channel of the same id', async () => {
    const t2 = (await linkFor(teacher2)).viewer;
    const overview = await coach.dashboard.overview(t2, 'C1', 30);
    expect(overview.cohort).toMatchObject({ channel: 'C1', members: 1, timezone: 'UTC' });
    expect(overview.hardestQuestions.map((q) => [q.questionId, q.answers])).toEqual([['error-caught', 2]]);
    expect((await coach.dashboard.roster(t2, 'C1', 30)).members.map((row) => row.user)).toEqual(['zed']);
    await refused(coach.dashboard.member(t2, 'C1', 'ann', 30));
    // A T2 viewer calling themselves an admin still reads T2: T1's ann is nobody there.
    const t2admin: DashboardViewer = { ...t2, role: 'admin', cohorts: ['C1', 'C2'] };
    await refused(coach.dashboard.overview(t2admin, 'C2', 30));
    const ann = await coach.dashboard.member(
      { ...t2admin, user: 'ann', role: 'member', cohorts: [] },
      null,
      'ann',
      30,
    );
    expect(ann.attempts).toEqual([]);
    expect(viewerActor(t2admin)).toMatchObject({ tenant: 'T2', roles: ['admin'] });
  });

  it('refuses periods other than 7, 30 and 90 days', async () => {
    const mine = (await linkFor(teacher)).viewer;
    await expect(coach.dashboard.overview(mine, 'C1', 14)).rejects.toMatchObject({ code: 'INVALID_PERIOD' });
    await expect(coach.dashboard.member(mine, 'C1', 'ann', 1)).rejects.toMatchObject({
      code: 'INVALID_PERIOD',
    });
  });
});
