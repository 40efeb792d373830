import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/ports.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

const admin: Actor = { platform: 'slack', tenant: 'T1', user: 'U-admin', roles: ['admin'] };
const tess: Actor = { platform: 'slack', tenant: 'T1', user: 'U-tess', roles: ['instructor'] };
const ivan: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ivan', roles: ['instructor'] };
const ann: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ann' };
const ben: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ben' };
const day = 24 * 60 * 60 * 1000;
const answer = (text: string) => ({ type: 'answer-submit', text }) as const;

async function twoCohorts() {
  const harness = await openHarness(new ScriptedFeedbackModel(() => gradeOf(4)));
  await harness.coach.configureCohort(tess, 'C-morning', { drillTime: '08:00', timezone: 'Europe/Berlin' });
  await harness.coach.configureCohort(ivan, 'C-evening', { drillTime: '18:30', timezone: 'America/Chicago' });
  return harness;
}

describe('cohorts', () => {
  it('makes a cohort of the channel it is configured in, taught by whoever made it', async () => {
    const { coach } = await twoCohorts();
    const cohorts = await coach.listCohorts(admin);
    expect(cohorts.map((cohort) => [cohort.drillChannel, cohort.drillTime, cohort.instructors])).toEqual([
      ['C-evening', '18:30', ['U-ivan']],
      ['C-morning', '08:00', ['U-tess']],
    ]);
    // Instructors see their own cohorts only; members none.
    expect((await coach.listCohorts(tess)).map((cohort) => cohort.drillChannel)).toEqual(['C-morning']);
    await expect(coach.listCohorts(ann)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('lets an instructor change their own cohort only; an admin changes any, and removes one', async () => {
    const { coach } = await twoCohorts();
    await expect(coach.configureCohort(tess, 'C-evening', { drillTime: '07:00' })).rejects.toMatchObject({
      code: 'NOT_YOUR_COHORT',
    });
    await expect(coach.configureCohort(ann, 'C-new', { drillTime: '07:00' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    });
    const changed = await coach.configureCohort(admin, 'C-evening', { paused: true });
    expect(changed.cohort).toMatchObject({ drillChannel: 'C-evening', paused: true, drillTime: '18:30' });
    const removed = await coach.configureCohort(admin, 'C-evening', { drillChannel: null });
    expect(removed).toMatchObject({ removed: 'C-evening', cohort: null });
    expect((await coach.tenantConfig('slack', 'T1')).cohorts.map((c) => c.drillChannel)).toEqual([
      'C-morning',
    ]);
  });

  it('asks where when a cohort setting comes from a DM, and sets the instructor role without one', async () => {
    const { coach } = await twoCohorts();
    await expect(coach.configureCohort(admin, null, { drillTime: '07:00' })).rejects.toMatchObject({
      code: 'NO_CHANNEL',
    });
    const saved = await coach.configureCohort(admin, null, { instructorRole: 'S-teachers' });
    expect(saved).toMatchObject({ cohort: null, tenant: { instructorRole: 'S-teachers' } });
  });

  it('adds members and instructors, removes them, and a member who answers a cohort drill joins it', async () => {
    const { coach, store } = await twoCohorts();
    const added = await coach.addCohortMembers(tess, 'C-morning', ['U-ann', 'U-cy'], 'member');
    expect(added.members).toBe(2);
    expect(await store.getMemberSettings(ann)).toMatchObject({ cohorts: ['C-morning'] });
    await expect(coach.addCohortMembers(tess, 'C-evening', ['U-ann'], 'member')).rejects.toMatchObject({
      code: 'NOT_YOUR_COHORT',
    });
    const taught = await coach.addCohortMembers(tess, 'C-morning', ['U-ivan'], 'instructor');
    expect(taught.instructors).toEqual(['U-tess', 'U-ivan']);
    await coach.removeCohortMember(tess, 'C-morning', 'U-cy');
    expect((await store.cohortMembers('slack', 'T1', 'C-morning')).sort()).toEqual(['U-ann']);

    // Ben answers the evening cohort's drill, run in its channel: he is in that cohort now.
    const out = new RecordingOutbox('t-ben');
    await coach.handle(eventFor(ben, { channel: 'C-evening' }, { type: 'drill-start' }), out);
    await coach.handle(
      eventFor(ben, { channel: 'C-evening', thread: 't-ben' }, answer('A careful answer.')),
      out,
    );
    expect(await store.cohortMembers('slack', 'T1', 'C-evening')).toEqual(['U-ben']);
    expect((await store.getMemberSettings(ben)).cohorts).toEqual(['C-evening']);

    // Forgetting Ben takes him out of the cohort too.
    await coach.forget(ben);
    expect(await store.cohortMembers('slack', 'T1', 'C-evening')).toEqual([]);
  });

  it('scopes the cohort report to the cohort’s members, for its instructors and admins', async () => {
    const { coach } = await twoCohorts();
    await coach.addCohortMembers(tess, 'C-morning', ['U-ann'], 'member');
    const out = new RecordingOutbox();
    for (const member of [ann, ben]) {
      await coach.handle(
        eventFor(
          member,
          { channel: 'D1' },
          { type: 'session-start', options: { packId: 'mini', count: 1, followUps: 0 } },
        ),
        out,
      );
      await coach.handle(eventFor(member, { channel: 'D1' }, answer('An answer.')), out);
    }
    const report = await coach.cohortReport(tess, 'C-morning', 7);
    expect(report).toMatchObject({ cohort: 'C-morning', members: 1, active: 1, answers: 1, periodDays: 7 });
    await expect(coach.cohortReport(ivan, 'C-morning')).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
    await expect(coach.cohortReport(ann, 'C-morning')).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
  });
});

describe('assignments', () => {
  it('counts answers toward completion once, first in /drill, and goes overdue after the due day', async () => {
    const { coach, clock } = await twoCohorts();
    await coach.addCohortMembers(tess, 'C-morning', ['U-ann', 'U-ben'], 'member');
    const set = await coach.assign(tess, 'C-morning', {
      packId: 'mini',
      what: { questionIds: ['chest-pain', 'upcoding'] },
      due: 'tomorrow',
    });
    expect(set).toMatchObject({
      cohort: 'C-morning',
      assignment: { due: '2026-11-24', questionIds: ['chest-pain', 'upcoding'] },
    });
    expect(await coach.assignments(ann)).toMatchObject([
      { status: 'in-progress', answered: [], remaining: ['chest-pain', 'upcoding'] },
    ]);

    // /drill serves the assignment first, after a notice that says so.
    const out = new RecordingOutbox('t-ann');
    await coach.handle(eventFor(ann, { channel: 'C-morning' }, { type: 'drill-start' }), out);
    expect(out.last('notice')).toMatchObject({ code: 'assignment', private: true });
    expect(out.last('notice')?.text).toContain('0 of 2 done, due 2026-11-24');
    expect(out.last('question')?.question.id).toBe('chest-pain');
    const thread = { channel: 'C-morning', thread: 't-ann' };
    await coach.handle(eventFor(ann, thread, answer('First answer.'), 'delivery-1'), out);
    // The same delivery again (a platform retry) counts nothing twice.
    await coach.handle(eventFor(ann, thread, answer('First answer.'), 'delivery-1'), out);
    expect(await coach.assignments(ann)).toMatchObject([{ answered: ['chest-pain'], status: 'in-progress' }]);
    await coach.handle(eventFor(ann, thread, answer('Second answer.')), out);
    expect(await coach.assignments(ann)).toMatchObject([{ status: 'done', remaining: [] }]);
    expect((await coach.progress(ann)).assignments).toMatchObject([{ status: 'done' }]);

    // Ben did nothing: in progress through the due day (Berlin), overdue after it.
    clock.advance(day);
    expect(await coach.assignments(ben)).toMatchObject([{ status: 'in-progress' }]);
    clock.advance(day);
    expect(await coach.assignments(ben)).toMatchObject([{ status: 'overdue' }]);
  });

  it('checks who assigns, the pack, the questions, the count and the due date', async () => {
    const { coach } = await twoCohorts();
    const ask = (actor: Actor, what: object, due = '7d', packId = 'mini') =>
      coach.assign(actor, 'C-morning', { packId, what: what as never, due });
    await expect(ask(ann, { count: 1 })).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
    await expect(ask(ivan, { count: 1 })).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
    await expect(ask(tess, { count: 1 }, '7d', 'nope')).rejects.toMatchObject({ code: 'UNKNOWN_PACK' });
    await expect(ask(tess, { questionIds: ['nope'] })).rejects.toMatchObject({ code: 'UNKNOWN_QUESTION' });
    await expect(ask(tess, { count: 9 })).rejects.toMatchObject({ code: 'INVALID_COUNT' });
    await expect(ask(tess, { count: 1 }, 'next week')).rejects.toMatchObject({ code: 'INVALID_DUE' });
    await expect(ask(tess, { count: 1 }, '2026-02-30')).rejects.toMatchObject({ code: 'INVALID_DUE' });
    await expect(ask(tess, { count: 1 }, '2026-11-01')).rejects.toMatchObject({ code: 'DUE_IN_PAST' });
    const picked = await ask(tess, { count: 3 }, '2026-12-01');
    expect(new Set(picked.assignment.questionIds).size).toBe(3);
  });
});

describe('the answer log', () => {
  it('keeps each graded answer once, redacted, for exports', async () => {
    const { coach, store, clock } = await openHarness(new ScriptedFeedbackModel(() => gradeOf(3)));
    const out = new RecordingOutbox();
    const place = { channel: 'D1' };
    await coach.handle(
      eventFor(ann, place, { type: 'session-start', options: { packId: 'mini', count: 1, followUps: 0 } }),
      out,
    );
    await coach.handle(
      eventFor(ann, place, answer('Patient MRN 00482913 had chest pain; I coded R07.9.'), 'd-log'),
      out,
    );
    await coach.handle(
      eventFor(ann, place, answer('Patient MRN 00482913 had chest pain; I coded R07.9.'), 'd-log'),
      out,
    );
    const logged = await store.loggedAnswers(ann, clock.now() - day);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ packId: 'mini', score: 3, source: 'offline' });
    expect(logged[0]!.answers[0]).toContain('R07.9');
    expect(logged[0]!.answers[0]).not.toContain('00482913');
    expect(await store.loggedAnswers(ann, clock.now() + 1)).toEqual([]);
  });
});
