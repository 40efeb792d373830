import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerBlockId,
  answerInputId,
  answerModalId,
  answerPrivatelyId,
  decodeButtonValue,
  decodePlace,
} from '../../adapters/slack/to-event.ts';
import { wording as slackWording } from '../../adapters/slack/wording.ts';
import { localDate } from '../../src/core/daily-question.ts';
import { createDrillScheduler, type DrillScheduler } from '../../src/core/drill-scheduler.ts';
import type { GradeRequest } from '../../src/core/feedback-model.ts';
import { messages } from '../../src/core/messages.ts';
import type { Reply } from '../../src/core/ports.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import type { ResponseUrlCall, SlackCall } from '../fakes/slack-server.ts';
import {
  buttonsOf,
  gradeOf,
  openSlackHarness,
  type SlackHarness,
  SlowFeedbackModel,
  textOf,
  valuesOf,
} from './harness.ts';

// Monday 23 November 2026, 09:30 UTC: the drill (09:00 UTC, Monday to Friday) is due.
const clock = new ManualClock(Date.UTC(2026, 10, 23, 9, 30));
const day = 24 * 60 * 60 * 1000;
// A first answer that asks for more gets a follow-up; every other answer is simply graded.
const model = new SlowFeedbackModel(0, (request: GradeRequest) =>
  request.answer.includes('more please') && request.previous.length === 0
    ? gradeOf(2, 'Name the query.', 'What would you ask the physician?')
    : gradeOf(4, `Graded: ${request.answer}`),
);
const drillChannel = 'CDRILL';
let h: SlackHarness;
let scheduler: DrillScheduler;
let responses = 0;

beforeAll(async () => {
  h = await openSlackHarness({ feedback: model, clock });
  h.fake.users.set('UADMIN', { is_admin: true });
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

async function command(text: string, user: string, channel = 'C50'): Promise<ResponseUrlCall[]> {
  const id = `drill-cmd-${++responses}`;
  await h.requests.command('/coach', text, { user, channel, responseUrl: h.fake.responseUrl(id) });
  return h.fake.responses.filter((call) => call.id === id);
}

const posts = () => h.fake.callsTo('chat.postMessage');
const postsIn = (thread: string) => posts().filter((call) => call.body.thread_ts === thread);
const finalOf = (placeholder: SlackCall) =>
  h.fake
    .callsTo('chat.update')
    .filter((call) => call.body.ts === placeholder.result.ts)
    .at(-1);

describe('the posted drill', () => {
  let drill: SlackCall;

  it('is posted once in the channel an admin configured, with Answer privately', async () => {
    const [saved] = await command(
      'config channel <#CDRILL|drills> time 09:00 timezone UTC days weekdays pack medical-coding',
      'UADMIN',
    );
    expect(textOf(saved!)).toContain('Settings saved');
    expect(textOf(saved!)).toContain('*Days*\nMon–Fri');

    expect(await scheduler.runDue()).toEqual(['slack:T1']);
    drill = posts().at(-1)!;
    expect(drill.body.channel).toBe(drillChannel);
    expect(drill.body.thread_ts).toBeUndefined();
    expect(textOf(drill)).toMatch(/^Question of the day · 2026-11-23\n/);
    expect(textOf(drill)).toContain(slackWording.drillHowTo());
    expect(buttonsOf(drill)).toEqual([answerPrivatelyId]);
    // Due once a day: a second run (this or another instance) posts nothing.
    expect(await scheduler.runDue()).toEqual([]);
  });

  it('grades each member who replies in its thread, in the thread', async () => {
    const thread = String(drill.result.ts);
    await h.requests.reply({
      user: 'U51',
      channel: drillChannel,
      thread,
      text: 'I code what is documented.',
    });
    await h.requests.reply({ user: 'U52', channel: drillChannel, thread, text: 'I query the physician.' });
    const placeholders = postsIn(thread).filter((call) =>
      textOf(call).includes(messages.gradingPlaceholder()),
    );
    expect(placeholders).toHaveLength(2);
    expect(placeholders.map((call) => textOf(finalOf(call)!).split('\n')[0])).toEqual([
      'Score 4/5',
      'Score 4/5',
    ]);
    expect(textOf(finalOf(placeholders[0]!)!)).toContain('Graded: I code what is documented.');
    expect(textOf(finalOf(placeholders[1]!)!)).toContain('Graded: I query the physician.');
    // Each member has their own drill session: both answers are in their own progress.
    for (const user of ['U51', 'U52']) {
      expect((await h.coach.progress({ platform: 'slack', tenant: 'T1', user })).answered).toBe(1);
    }
  });

  it('takes an answer privately through a modal, and shows the feedback to its author alone', async () => {
    const thread = String(drill.result.ts);
    await h.requests.action(answerPrivatelyId, {
      user: 'U53',
      channel: drillChannel,
      responseUrl: h.fake.responseUrl(),
      message: { ts: thread, text: String(drill.body.text) },
      value: valuesOf(drill)[0],
    });
    const opened = h.fake.callsTo('views.open').at(-1)!;
    const view = opened.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(opened.body.trigger_id).toMatch(/^trigger-/);
    expect(view.callback_id).toBe(answerModalId);
    expect(decodePlace(view.private_metadata)).toEqual({ channel: drillChannel, thread });
    expect(JSON.stringify(view.blocks)).toContain('"multiline":true');

    const publicBefore = postsIn(thread).length;
    const updatesBefore = h.fake.callsTo('chat.update').length;
    const ephemeralBefore = h.fake.callsTo('chat.postEphemeral').length;
    const response = await h.requests.viewSubmission({
      user: 'U53',
      viewId: String((opened.result.view as { id: string }).id),
      opened: view,
      values: { [answerBlockId]: { [answerInputId]: 'I would send a query first, more please' } },
    });
    // The ack closes the modal: an empty 200, no response_action.
    expect(response).toEqual({ status: 200, body: '' });

    const privately = h.fake.callsTo('chat.postEphemeral').slice(ephemeralBefore);
    expect(privately.every((call) => call.body.user === 'U53' && call.body.thread_ts === thread)).toBe(true);
    expect(privately.map((call) => textOf(call).split('\n')[0])).toEqual([
      messages.gradingPlaceholder(),
      'Score 2/5',
      '*Follow-up:* What would you ask the physician?',
    ]);
    // Nothing in the shared thread, nothing edited there.
    expect(postsIn(thread)).toHaveLength(publicBefore);
    expect(h.fake.callsTo('chat.update')).toHaveLength(updatesBefore);

    // The private follow-up offers Answer privately again, and its buttons keep what they bring private.
    const followUp = privately.at(-1)!;
    expect(buttonsOf(followUp)).toEqual([
      answerPrivatelyId,
      'starcoach:hint',
      'starcoach:sample',
      'starcoach:next',
      'starcoach:end',
    ]);
    const values = valuesOf(followUp).map((value) => decodeButtonValue(value));
    expect(values.every((value) => value.thread === thread && value.privately)).toBe(true);
    await h.requests.action('starcoach:next', {
      user: 'U53',
      channel: drillChannel,
      responseUrl: h.fake.responseUrl(),
      value: valuesOf(followUp)[3],
    });
    const summary = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(summary.body).toMatchObject({ user: 'U53', thread_ts: thread });
    expect(textOf(summary)).toBe('That was today’s drill: 2/5. A new question comes tomorrow.');
    expect(postsIn(thread)).toHaveLength(publicBefore);
  });
});

describe('/coach config for drills', () => {
  const onlyCohort = async () => {
    const { cohorts } = await h.coach.tenantConfig('slack', 'T1');
    expect(cohorts.map((cohort) => cohort.drillChannel)).toEqual([drillChannel]);
    return cohorts[0]!;
  };

  it('refuses pause from a member and takes it from an admin; a paused cohort gets no drill', async () => {
    const [refused] = await command('config pause', 'U54', drillChannel);
    expect(textOf(refused!)).toBe(messages.notAllowedToConfigure());

    // Run elsewhere, `channel #c` names the cohort.
    const [paused] = await command('config channel <#CDRILL|drills> pause', 'UADMIN');
    expect(textOf(paused!)).toContain(slackWording.drillStatus(true, true));
    expect((await onlyCohort()).paused).toBe(true);
    clock.advance(day); // Tuesday 09:30
    expect(await scheduler.runDue()).toEqual([]);

    const [resumed] = await command('config resume', 'UADMIN', drillChannel);
    expect(textOf(resumed!)).toContain(slackWording.drillStatus(false, true));
    expect(await scheduler.runDue()).toEqual(['slack:T1']);
    expect(textOf(posts().at(-1)!)).toMatch(/^Question of the day · 2026-11-24/);
  });

  it('sets the days, and shows them', async () => {
    const [saved] = await command('config days mon, wed, fri', 'UADMIN', drillChannel);
    expect(textOf(saved!)).toContain('*Days*\nMon, Wed, Fri');
    expect((await onlyCohort()).weekdays).toEqual([1, 3, 5]);
    const [bad] = await command('config days mon,funday', 'UADMIN', drillChannel);
    expect(textOf(bad!)).toBe(messages.invalidWeekdays());
  });

  it('skips a date given, or today in the cohort’s timezone, and lists the dates to come', async () => {
    await command('config skip 2026-11-25', 'UADMIN', drillChannel);
    expect((await onlyCohort()).skipDates).toContain('2026-11-25');
    clock.advance(day); // Wednesday 25 November, 09:30: a drill day, but skipped
    expect(await scheduler.runDue()).toEqual([]);

    // "today" is the coach's today (its clock), in the workspace's timezone: Thursday 26 November.
    clock.advance(day);
    await command('config skip', 'UADMIN', drillChannel);
    const today = localDate(clock.now(), 'UTC');
    expect(today).toBe('2026-11-26');
    expect((await onlyCohort()).skipDates).toContain(today);

    const [shown] = await command('config', 'UADMIN', drillChannel);
    expect(textOf(shown!)).toContain('*Skipped dates*\n');
    expect(textOf(shown!)).toContain(today);
    // Dates gone by are not listed: the 25th is yesterday by the coach's clock, whatever the real date.
    expect(textOf(shown!)).not.toContain('2026-11-25');
    const [badDate] = await command('config skip tomorrow', 'UADMIN', drillChannel);
    expect(textOf(badDate!)).toBe(messages.invalidDate('tomorrow'));
  });
});

describe('the drill poster', () => {
  it('joins a public drill channel it is not in yet, then posts', async () => {
    h.fake.memberOf = new Set();
    const reply: Reply = {
      type: 'question',
      private: false,
      actions: [],
      number: 1,
      total: 1,
      packTitle: 'Medical Coding Specialist',
      drillDate: '2026-11-30',
      question: { id: 'q1', text: 'Why query?', kind: 'technical', level: 'junior', competencies: [] },
    };
    const start = h.fake.timeline.length;
    const handle = await h.adapter.drillPoster.postDrill('T1', 'CNEW', reply);
    h.fake.memberOf = null;
    expect(h.fake.timeline.slice(start)).toEqual([
      'chat.postMessage!not_in_channel',
      'conversations.join',
      'chat.postMessage',
    ]);
    const post = posts().at(-1)!;
    expect(handle).toEqual({ id: post.result.ts, thread: post.result.ts });
    expect(h.adapter.drillPoster.platform).toBe('slack');
  });
});
