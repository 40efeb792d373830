import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wording as slackWording } from '../../adapters/slack/wording.ts';
import { localDate } from '../../src/core/daily-question.ts';
import { createDrillScheduler, type DrillScheduler } from '../../src/core/drill-scheduler.ts';
import { messages } from '../../src/core/messages.ts';
import { addDays } from '../../src/drills/streak.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import type { ResponseUrlCall } from '../fakes/slack-server.ts';
import { gradeOf, openSlackHarness, type SlackHarness, SlowFeedbackModel, textOf } from './harness.ts';

// Monday 23 November 2026, 07:00 UTC: 08:00 in Berlin, 02:00 in New York.
const clock = new ManualClock(Date.UTC(2026, 10, 23, 7, 0));
const hour = 60 * 60 * 1000;
const model = new SlowFeedbackModel(0, () => gradeOf(4, 'Solid answer.'));
const [admin, teachA, teachB, teachC] = ['UADMIN', 'UTEACHA', 'UTEACHB', 'UTEACHC'];
const [alpha, beta] = ['CALPHA', 'CBETA'];
const alphaLink = '<#CALPHA|alpha>';
const betaLink = '<#CBETA|beta>';
let h: SlackHarness;
let scheduler: DrillScheduler;
let responses = 0;

beforeAll(async () => {
  h = await openSlackHarness({ feedback: model, clock, instructors: [teachA, teachB, teachC] });
  h.fake.users.set(admin, { is_admin: true });
  scheduler = createDrillScheduler({
    store: h.store,
    packs: h.coach.packs,
    defaultPackId: 'medical-coding',
    clock,
    logger: h.logger,
    posters: [h.adapter.drillPoster],
  });
});
afterAll(async () => {
  await h.close();
});

/** Runs `/coach …` (or another command) and returns what it said privately through its response_url. */
async function command(text: string, user: string, channel: string, name = '/coach') {
  const id = `cohort-cmd-${++responses}`;
  const response = await h.requests.command(name, text, {
    user,
    channel,
    responseUrl: h.fake.responseUrl(id),
  });
  expect(response.status).toBe(200);
  return h.fake.responses.filter((call) => call.id === id);
}

/** The one private answer a command gave, as a person reads it. */
async function said(text: string, user: string, channel: string): Promise<string> {
  const answers: ResponseUrlCall[] = await command(text, user, channel);
  expect(answers).toHaveLength(1);
  return textOf(answers[0]!);
}

const cohortOf = async (channel: string) =>
  (await h.coach.tenantConfig('slack', 'T1')).cohorts.find((cohort) => cohort.drillChannel === channel);
const posts = () => h.fake.callsTo('chat.postMessage');

describe('cohorts configured per channel', () => {
  it('config in a channel creates its cohort; another channel’s config leaves it alone', async () => {
    const saidA = await said(
      'config time 09:00 timezone Europe/Berlin days weekdays pack medical-coding',
      teachA,
      alpha,
    );
    expect(saidA).toContain('Settings saved');
    expect(saidA).toContain('*Drill channel*\n<#CALPHA>');
    expect(saidA).toContain(`*Instructors*\n<@${teachA}>`);
    const before = await cohortOf(alpha);
    expect(before).toMatchObject({ drillTime: '09:00', timezone: 'Europe/Berlin', instructors: [teachA] });

    const saidB = await said('config time 09:00 timezone America/New_York days mon,wed,fri', teachB, beta);
    expect(saidB).toContain('*Timezone*\nAmerica/New_York');
    expect(await cohortOf(beta)).toMatchObject({ weekdays: [1, 3, 5], instructors: [teachB] });
    expect(await cohortOf(alpha)).toEqual(before);
  });

  it('shows the cohort of the channel, or the asker’s cohorts elsewhere; a DM change names no cohort', async () => {
    expect(await said('config', teachA, alpha)).toContain('*Timezone*\nEurope/Berlin');
    const listed = await said('config', teachA, 'DTEACHA');
    expect(listed).toContain('<#CALPHA>');
    expect(listed).not.toContain('<#CBETA>');
    expect(await said('config time 10:00', teachA, 'DTEACHA')).toBe(messages.configureWhere());
    expect((await cohortOf(alpha))!.drillTime).toBe('09:00');
  });

  it('posts each cohort’s drill at its own time in its own timezone', async () => {
    expect(await scheduler.runDue()).toEqual([]);
    clock.advance(1.5 * hour); // 08:30 UTC: 09:30 in Berlin, 03:30 in New York
    expect(await scheduler.runDue()).toEqual(['slack:T1']);
    expect(posts().at(-1)!.body.channel).toBe(alpha);
    expect(await scheduler.runDue()).toEqual([]);

    clock.advance(6 * hour); // 14:30 UTC: 09:30 in New York (EST)
    expect(await scheduler.runDue()).toEqual(['slack:T1']);
    expect(posts().at(-1)!.body.channel).toBe(beta);
    expect(textOf(posts().at(-1)!)).toMatch(/^Question of the day · 2026-11-23/);

    clock.advance(18 * hour); // Tuesday 08:30 UTC: Berlin posts; New York drills Mon, Wed, Fri only
    expect(await scheduler.runDue()).toEqual(['slack:T1']);
    expect(posts().at(-1)!.body.channel).toBe(alpha);
    clock.advance(6 * hour);
    expect(await scheduler.runDue()).toEqual([]);
  });
});

describe('/coach cohorts', () => {
  it('lists every cohort for an admin and their own for an instructor, with schedule and people', async () => {
    const all = await said('cohorts', admin, 'DADMIN');
    expect(all).toContain('2 cohorts');
    expect(all).toContain('*<#CALPHA>*\n09:00 Europe/Berlin · Mon–Fri · pack medical-coding · level any');
    expect(all).toContain('*<#CBETA>*\n09:00 America/New_York · Mon, Wed, Fri');
    expect(all).toContain(`instructors: <@${teachB}>`);
    expect(all).toContain('no open assignments');

    const mine = await said('cohorts', teachB, alpha);
    expect(mine).toContain('1 cohort');
    expect(mine).toContain('<#CBETA>');
    expect(mine).not.toContain('<#CALPHA>');
  });
});

describe('/coach cohort add, add-instructor, remove', () => {
  it('adds members and instructors to the cohort of the channel, or the one named', async () => {
    const added = await said('cohort add <@UM1|m1> <@UM2|m2>', teachB, beta);
    expect(added).toContain(messages.membersAdded(2, beta, 'member'));
    expect(added).toContain('2 members');

    const teacher = await said('cohort add-instructor <@UTEACHC|c>', teachB, beta);
    expect(teacher).toContain(messages.membersAdded(1, beta, 'instructor'));
    expect((await cohortOf(beta))!.instructors).toEqual([teachB, teachC]);
    expect(await said('cohort remove <@UTEACHC|c>', teachB, beta)).toContain(messages.memberRemoved(beta));
    expect((await cohortOf(beta))!.instructors).toEqual([teachB]);

    expect(await said(`cohort add <@UM3|m3> ${alphaLink}`, admin, 'DADMIN')).toContain(
      messages.membersAdded(1, alpha, 'member'),
    );
    const adminActor = { platform: 'slack', tenant: 'T1', user: admin, roles: ['admin' as const] };
    expect((await h.coach.showCohort(adminActor, beta)).members).toBe(2);
    expect((await h.coach.showCohort(adminActor, alpha)).members).toBe(1);
    expect(await said('cohort add alex', teachB, beta)).toBe(slackWording.cohortUsage());
  });
});

describe('/coach assign and progress', () => {
  let due: string;
  let questionIds: string[];

  it('assigns questions to the cohort and lists them', async () => {
    due = addDays(localDate(clock.now(), 'America/New_York'), 1);
    const text = await said('assign medical-coding 2 due tomorrow', teachB, beta);
    const packTitle = h.coach.packs.get('medical-coding')!.roleTitle;
    expect(text).toContain(messages.assigned(2, packTitle, beta, due));
    questionIds = (await cohortOf(beta))!.assignments[0]!.questionIds;
    expect(questionIds).toHaveLength(2);
    for (const id of questionIds) {
      const question = h.coach.packs.get('medical-coding')!.questions.find((q) => q.id === id)!;
      expect(text).toContain(`${id}: ${question.text.slice(0, 40)}`);
    }
    expect(await said('cohorts', teachB, beta)).toContain(`1 open assignment (due ${due})`);
  });

  it('shows a member the assignment in progress, then done once answered through /drill', async () => {
    const before = await said('progress', 'UM1', beta);
    expect(before.indexOf(slackWording.assignmentsHeading())).toBeLessThan(
      before.indexOf(slackWording.homeEmpty()),
    );
    expect(before).toContain(`${slackWording.assignmentStatus('in-progress')}  *`);
    expect(before).toContain(`0 of 2 · due ${due} · <#CBETA>`);

    const [notice] = await command('', 'UM1', beta, '/drill');
    expect(textOf(notice!)).toBe(
      `${slackWording.assignmentNotice()} ${messages.assignmentIntro(beta, 0, 2, due)}`,
    );
    // The assignment's questions come one after another in the thread of the first.
    const thread = String(posts().at(-1)!.result.ts);
    for (const [index, id] of questionIds.entries()) {
      const question = posts().at(-1)!;
      expect(question.body.channel).toBe(beta);
      expect(question.body.thread_ts).toBe(index === 0 ? undefined : thread);
      const text = h.coach.packs.get('medical-coding')!.questions.find((q) => q.id === id)!.text;
      expect(String(question.body.text)).toBe(text);
      await h.requests.reply({
        user: 'UM1',
        channel: beta,
        thread,
        text: 'I code only what is documented and query the physician.',
      });
    }
    const after = await said('progress', 'UM1', beta);
    expect(after).toContain(`${slackWording.assignmentStatus('done')}  *`);
    expect(after).toContain(`2 of 2 · due ${due}`);
  });

  it('shows it overdue to a member who did not answer by the due date', async () => {
    expect(await said('progress', 'UM2', beta)).toContain(slackWording.assignmentStatus('in-progress'));
    clock.advance(2 * 24 * hour);
    const late = await said('progress', 'UM2', beta);
    expect(late).toContain(`${slackWording.assignmentStatus('overdue')}  *`);
    expect(late).toContain(`0 of 2 · due ${due}`);
    expect(await said('progress', 'UM1', beta)).toContain(slackWording.assignmentStatus('done'));
  });

  it('says how to write an assignment, and passes on the core’s word for a bad pack or date', async () => {
    expect(await said('assign medical-coding due', teachB, beta)).toBe(slackWording.assignUsage());
    expect(await said('assign medical-coding 2', teachB, beta)).toBe(slackWording.assignUsage());
    expect(await said('assign cooking 2 due 7d', teachB, beta)).toBe(
      messages.unknownPack('cooking', [...h.coach.packs.keys()]),
    );
    expect(await said('assign medical-coding 2 due someday', teachB, beta)).toBe(
      messages.invalidDue('someday'),
    );
    expect(await said('assign medical-coding no-such-question due 7d', teachB, beta)).toBe(
      messages.unknownQuestion('no-such-question', 'medical-coding'),
    );
  });
});

describe('/coach cohort report', () => {
  it('takes the cohort’s channel and a period, and uploads the chart to the asker', async () => {
    const uploads = h.fake.callsTo('files.completeUploadExternal').length;
    const [figures] = await command('cohort 7d', teachB, beta);
    expect(textOf(figures!)).toContain(slackWording.cohortChartTitle(7));
    const [byAdmin] = await command(`cohort ${alphaLink} 90d`, admin, 'DADMIN');
    expect(textOf(byAdmin!)).toContain(slackWording.cohortChartTitle(90));
    expect(h.fake.callsTo('files.completeUploadExternal')).toHaveLength(uploads + 2);
    expect(await said('cohort 14d', teachB, beta)).toBe(messages.invalidPeriod('14d'));
  });
});

describe('permission refusals', () => {
  it('refuses a member configuring a cohort', async () => {
    expect(await said('config time 10:00', 'UM1', beta)).toBe(messages.notAllowedToConfigure());
    expect(await said('config', 'UM1', 'DUM1')).toBe(messages.notAllowedToConfigure());
    expect((await cohortOf(beta))!.drillTime).toBe('09:00');
  });

  it('refuses a member listing the cohorts', async () => {
    expect(await said('cohorts', 'UM1', beta)).toBe(messages.notAllowedToConfigure());
  });

  it('refuses cohort A’s instructor changing cohort B in any way', async () => {
    const before = await cohortOf(beta);
    expect(await said('config time 10:00', teachA, beta)).toBe(messages.notYourCohort(beta));
    expect(await said(`config channel ${betaLink} pause`, teachA, alpha)).toBe(messages.notYourCohort(beta));
    expect(await said('config channel none', teachA, beta)).toBe(messages.notYourCohort(beta));
    expect(await said(`cohort add <@UM9|m9> ${betaLink}`, teachA, alpha)).toBe(messages.notYourCohort(beta));
    expect(await said('cohort remove <@UM1|m1>', teachA, beta)).toBe(messages.notYourCohort(beta));
    expect(await said(`assign medical-coding 1 due 7d ${betaLink}`, teachA, alpha)).toBe(
      messages.notYourCohort(beta),
    );
    expect(await cohortOf(beta)).toEqual(before);
  });

  it('refuses a member assigning work', async () => {
    expect(await said('assign medical-coding 1 due 7d', 'UM1', beta)).toBe(messages.notYourCohort(beta));
    expect((await cohortOf(beta))!.assignments).toHaveLength(1);
  });

  it('refuses a member or another cohort’s instructor reading a cohort’s report', async () => {
    const uploads = h.fake.callsTo('files.completeUploadExternal').length;
    expect(await said(`cohort ${alphaLink}`, 'UM1', beta)).toBe(messages.notYourCohort(alpha));
    expect(await said('cohort', 'UM3', alpha)).toBe(messages.notYourCohort(alpha));
    expect(await said(`cohort ${alphaLink} 30d`, teachB, beta)).toBe(messages.notYourCohort(alpha));
    expect(h.fake.callsTo('files.completeUploadExternal')).toHaveLength(uploads);
  });

  it('lets an admin remove a cohort with `channel none`', async () => {
    expect(await said('config channel none', admin, alpha)).toBe(messages.cohortRemoved(alpha));
    expect(await cohortOf(alpha)).toBeUndefined();
    expect(await cohortOf(beta)).toBeDefined();
  });
});
