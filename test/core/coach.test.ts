import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/ports.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

const ann: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ann' };
const ben: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ben' };
const channel = { channel: 'C1' };
const start = (count = 2, followUps = 1) =>
  ({ type: 'session-start', options: { packId: 'mini', count, followUps } }) as const;
const answer = (text: string) => ({ type: 'answer-submit', text }) as const;

/** Thin unless the answer mentions a query; the follow-up asks for one. */
const byQuery = () =>
  new ScriptedFeedbackModel((request) =>
    /query/i.test([...request.previous, request.answer].join(' '))
      ? gradeOf(4)
      : gradeOf(2, 'Would you query the physician?'),
  );

describe('a session through the core', () => {
  it('asks, grades, follows up once, moves on and summarizes', async () => {
    const model = byQuery();
    const { coach, store } = await openHarness(model);
    const out = new RecordingOutbox();

    await coach.handle(eventFor(ann, channel, start()), out);
    expect(out.last('question')?.number).toBe(1);

    await coach.handle(eventFor(ann, channel, answer('I would code R07.9.')), out);
    // A placeholder first, streamed text into it, then the final result, then the follow-up.
    expect(out.types().slice(-4)).toEqual(['feedback', 'update:feedback', 'update:feedback', 'follow-up']);
    expect(out.log.at(-4)?.reply).toMatchObject({ type: 'feedback', status: 'pending' });
    expect(out.log.at(-3)?.reply).toMatchObject({ type: 'feedback', status: 'streaming', text: 'Sco' });
    expect(out.log.at(-2)?.reply).toMatchObject({ type: 'feedback', status: 'final', text: 'Scored 2.' });

    await coach.handle(eventFor(ann, channel, answer('I would send a non-leading query.')), out);
    // The follow-up answer is graded together with the first answer.
    expect(model.requests[1]?.previous).toEqual(['I would code R07.9.']);
    expect(out.finalFeedback().at(-1)?.grade?.score).toBe(4);
    expect(out.last('question')?.number).toBe(2);

    await coach.handle(eventFor(ann, channel, answer('It was my mistake and I raised a query.')), out);
    const summary = out.last('summary');
    expect(summary?.summary.answered).toBe(2);
    expect(summary?.summary.average).toBe(4);
    const session = await store.getSession(ann, 'C1');
    expect(session?.status).toBe('ended');
    expect(session?.results.map((result) => result.score)).toEqual([4, 4]);
    const history = await store.getHistory(ann);
    expect(history.attempts).toHaveLength(2);
    expect(history.sessions).toHaveLength(1);
  });

  it('does not ask a follow-up past the per-question budget', async () => {
    const model = new ScriptedFeedbackModel(() => gradeOf(2, 'Say more?'));
    const { coach } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start(2, 0)), out);
    await coach.handle(eventFor(ann, channel, answer('A thin answer about coding.')), out);
    expect(out.types().filter((type) => type === 'follow-up')).toHaveLength(0);
    expect(out.last('question')?.number).toBe(2);
  });

  it('grades a delivery seen twice only once', async () => {
    const model = byQuery();
    const { coach, store } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start()), out);
    const event = eventFor(ann, channel, answer('I would send a query.'), 'Ev-dup');
    await Promise.all([coach.handle(event, out), coach.handle(event, out)]);
    await coach.handle(event, out);
    expect(model.requests).toHaveLength(1);
    expect((await store.getSession(ann, 'C1'))?.results).toHaveLength(1);
  });

  it('stays silent when the answer that ended a session is delivered again', async () => {
    const model = new ScriptedFeedbackModel(() => gradeOf(4));
    const { coach } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start(1, 0)), out);
    const last = eventFor(ann, channel, answer('I would send a query.'), 'Ev-last');
    await coach.handle(last, out);
    expect(out.last('summary')).toBeDefined();
    const before = out.log.length;
    await coach.handle(last, out);
    expect(out.log.slice(before)).toEqual([]);
    // A new answer there is not a re-delivery: it is told there is no session.
    await coach.handle(eventFor(ann, channel, answer('One more.')), out);
    expect(out.last('notice')?.code).toBe('no-session');
    expect(model.requests).toHaveLength(1);
  });

  it('keeps two answers arriving at once, in order', async () => {
    const model = byQuery();
    const { coach, store } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start()), out);
    await Promise.all([
      coach.handle(eventFor(ann, channel, answer('First: R07.9.')), out),
      coach.handle(eventFor(ann, channel, answer('Second: I would query.')), out),
    ]);
    expect(model.requests.map((request) => request.answer)).toEqual([
      'First: R07.9.',
      'Second: I would query.',
    ]);
    const session = await store.getSession(ann, 'C1');
    expect(session?.results[0]?.score).toBe(4);
    expect(session?.index).toBe(1);
  });

  it('lets only the owner act in a session thread', async () => {
    const model = byQuery();
    const { coach } = await openHarness(model);
    const out = new RecordingOutbox('thread-9');
    await coach.handle(eventFor(ann, channel, start()), out);
    const inThread = { channel: 'C1', thread: 'thread-9' };

    await coach.handle(eventFor(ben, inThread, answer('I am Ben and I answer.')), out);
    expect(model.requests).toHaveLength(0);
    expect(out.last('notice')).toMatchObject({ code: 'not-your-session', private: true, privateOnly: true });

    await coach.handle(eventFor(ann, inThread, answer('I would query the physician.')), out);
    expect(model.requests).toHaveLength(1);
  });

  it('expires a session idle for 24 hours with a notice', async () => {
    const { coach, clock, store } = await openHarness(byQuery());
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start()), out);
    clock.advance(24 * 60 * 60 * 1000 + 1);
    await coach.handle(eventFor(ann, channel, answer('Late answer.')), out);
    expect(out.last('notice')?.code).toBe('session-expired');
    expect((await store.getSession(ann, 'C1'))?.status).toBe('expired');
  });

  it('offers to resume an active session, then resumes or starts over', async () => {
    const { coach } = await openHarness(byQuery());
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start(3)), out);
    await coach.handle(eventFor(ann, channel, { type: 'question-skip' }), out);
    await coach.handle(eventFor(ann, channel, { type: 'session-start', options: { packId: 'mini' } }), out);
    const offer = out.last('notice');
    expect(offer?.code).toBe('session-active');
    expect(offer?.actions.map((action) => action.id)).toEqual(['resume', 'restart']);

    await coach.handle(eventFor(ann, channel, { type: 'session-start', options: { mode: 'resume' } }), out);
    expect(out.last('question')?.number).toBe(2);

    await coach.handle(
      eventFor(ann, channel, { type: 'session-start', options: { packId: 'mini', mode: 'new' } }),
      out,
    );
    expect(out.last('question')?.number).toBe(1);
  });

  it('answers with a clear error for an unknown pack and an empty answer', async () => {
    const { coach } = await openHarness(byQuery());
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, { type: 'session-start', options: { packId: 'nope' } }), out);
    expect(out.last('error')).toMatchObject({ code: 'UNKNOWN_PACK', private: true });
    expect(out.last('error')?.text).toContain('mini');
    await coach.handle(eventFor(ann, channel, start()), out);
    await coach.handle(eventFor(ann, channel, answer('   ')), out);
    expect(out.last('error')?.code).toBe('EMPTY_ANSWER');
  });

  it('removes patient identifiers before the answer is stored or graded, and says so', async () => {
    const model = byQuery();
    const { coach, store } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start()), out);
    await coach.handle(
      eventFor(ann, channel, answer('For John Smith, DOB 03/14/1962, MRN 448812, I coded R07.9.')),
      out,
    );
    const sent = model.requests[0]!.answer;
    expect(sent).not.toContain('448812');
    expect(sent).not.toContain('03/14/1962');
    expect(sent).not.toContain('John Smith');
    expect(sent).toContain('R07.9');
    const stored = JSON.stringify(await store.getSession(ann, 'C1'));
    expect(stored).not.toContain('448812');
    expect(out.finalFeedback()[0]?.notes.join(' ')).toMatch(/removed/i);
  });

  it('gives hints, then the strong answer, and counts a skip as unanswered', async () => {
    const { coach, store } = await openHarness(byQuery());
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start()), out);
    await coach.handle(eventFor(ann, channel, { type: 'hint-request' }), out);
    expect(out.last('hint')?.text).toBe('What does the documentation actually say?');
    await coach.handle(eventFor(ann, channel, { type: 'hint-request' }), out);
    expect(out.last('hint')?.text).toBe('Think about: Codes R07.9.');
    await coach.handle(eventFor(ann, channel, { type: 'sample-show' }), out);
    expect(out.last('sample-answer')?.text).toContain('R07.9');
    await coach.handle(eventFor(ann, channel, { type: 'question-skip' }), out);
    await coach.handle(eventFor(ann, channel, { type: 'session-end' }), out);
    const session = await store.getSession(ann, 'C1');
    expect(session?.results[0]).toMatchObject({ score: null, hinted: true });
    expect(out.last('summary')?.summary).toMatchObject({ answered: 0, skipped: 1 });
  });

  it('forgets the user', async () => {
    const { coach, store } = await openHarness(byQuery());
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start()), out);
    await coach.handle(eventFor(ann, channel, answer('I would query.')), out);
    expect(await coach.forget(ann)).toBeGreaterThan(0);
    expect(await store.getSession(ann, 'C1')).toBeUndefined();
    expect((await coach.progress(ann)).answered).toBe(0);
  });
});

describe('restart and crash recovery', () => {
  it('resumes a session after a restart and grades an answer stored before a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-core-'));
    const url = `sqlite://${join(dir, 'state.sqlite')}`;
    const crashing = byQuery();
    crashing.failNext = new Error('process died while grading');
    const first = await openHarness(crashing, url);
    const out = new RecordingOutbox();
    await first.coach.handle(eventFor(ann, channel, start()), out);
    await first.coach.handle(eventFor(ann, channel, answer('I would query the physician.')), out);
    expect(out.last('error')?.code).toBe('INTERNAL');
    await first.store.close();

    const model = byQuery();
    const second = await openHarness(model, url);
    const later = new RecordingOutbox();
    await second.coach.handle(eventFor(ann, channel, { type: 'hint-request' }), later);
    expect(model.requests.map((request) => request.answer)).toEqual(['I would query the physician.']);
    expect(later.finalFeedback()[0]?.notes).toContain(
      'Picking up the answer you sent before the interruption.',
    );
    const session = await second.store.getSession(ann, 'C1');
    expect(session?.results[0]?.score).toBe(4);
    expect(session?.index).toBe(1);
    await second.store.close();
  });
});

describe('session summary from the feedback model', () => {
  it('uses the model’s summary when it wrote one, from scores and gaps only', async () => {
    const model = byQuery();
    const requests: unknown[] = [];
    Object.assign(model, {
      async summarize(request: unknown) {
        requests.push(request);
        return {
          strengths: ['Clear documentation-first reasoning'],
          workOn: ['Name the query process', 'Quote the guideline', 'A third one that is dropped'],
          nextPractice: 'Two situational questions on queries.',
          source: 'llm' as const,
          usage: { promptTokens: 10, completionTokens: 5 },
        };
      },
    });
    const { coach } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start(1)), out);
    await coach.handle(eventFor(ann, channel, answer('For MRN 448812 I would code R07.9 and query.')), out);
    const summary = out.last('summary')?.summary;
    expect(summary?.strengths).toEqual(['Clear documentation-first reasoning']);
    expect(summary?.workOn).toEqual(['Name the query process', 'Quote the guideline']);
    expect(summary?.nextPractice).toBe('Two situational questions on queries.');
    expect(JSON.stringify(requests)).not.toContain('448812');
    expect(JSON.stringify(requests)).not.toContain('I would code');
  });

  it('keeps the offline summary when the model falls back', async () => {
    const model = byQuery();
    Object.assign(model, {
      summarize: async (request: {
        offline: { strengths: string[]; workOn: string[]; nextPractice: string };
      }) => ({
        ...request.offline,
        strengths: ['should not be used'],
        source: 'offline' as const,
        usage: null,
      }),
    });
    const { coach } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start(1)), out);
    await coach.handle(eventFor(ann, channel, answer('I would code R07.9 and query.')), out);
    expect(out.last('summary')?.summary.strengths).not.toContain('should not be used');
  });
});

describe('question of the day and workspace settings', () => {
  const admin: Actor = { ...ann, roles: ['admin'] };

  it('gives everyone in a workspace the same question on a local date, once per user', async () => {
    const { coach, clock } = await openHarness(byQuery());
    const annOut = new RecordingOutbox('t-ann');
    const benOut = new RecordingOutbox('t-ben');
    await coach.handle(eventFor(ann, channel, { type: 'drill-start' }), annOut);
    await coach.handle(eventFor(ben, channel, { type: 'drill-start' }), benOut);
    const annQuestion = annOut.last('question');
    expect(annQuestion?.drillDate).toBe('2026-11-23');
    expect(annQuestion?.total).toBe(1);
    expect(benOut.last('question')?.question.id).toBe(annQuestion?.question.id);

    await coach.handle(
      eventFor(ann, { channel: 'C1', thread: 't-ann' }, answer('I would code R07.9 and query.')),
      annOut,
    );
    expect(annOut.last('summary')).toBeUndefined();
    // A member's own drill thread is done with; nothing in it must stay unsaid.
    expect(annOut.last('notice')).toMatchObject({
      code: 'drill-complete',
      private: true,
      closesThread: true,
    });
    expect(annOut.last('notice')?.privateOnly).toBeUndefined();
    await coach.handle(eventFor(ann, channel, { type: 'drill-start' }), annOut);
    expect(annOut.last('notice')).toMatchObject({ code: 'drill-done', private: true });

    clock.advance(24 * 60 * 60 * 1000);
    await coach.handle(eventFor(ann, channel, { type: 'drill-start' }), annOut);
    expect(annOut.last('question')?.drillDate).toBe('2026-11-24');
  });

  it('changes the day at local midnight in the workspace timezone', async () => {
    // 2026-11-23 12:00 UTC is already 01:00 on the 24th in Auckland (UTC+13 in November).
    const { coach, clock } = await openHarness(byQuery());
    clock.advance(3 * 60 * 60 * 1000);
    await coach.configureCohort(admin, 'C1', { timezone: 'Pacific/Auckland' });
    const out = new RecordingOutbox('t1');
    await coach.handle(eventFor(ann, channel, { type: 'drill-start' }), out);
    expect(out.last('question')?.drillDate).toBe('2026-11-24');
  });

  it('lets only admins and instructors change settings, and checks every field', async () => {
    const { coach } = await openHarness(byQuery());
    await expect(coach.configureCohort(ann, 'C-drill', { drillTime: '08:00' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    });
    await expect(coach.configureCohort(admin, 'C-drill', { drillTime: '25:00' })).rejects.toMatchObject({
      code: 'INVALID_TIME',
    });
    await expect(coach.configureCohort(admin, 'C-drill', { timezone: 'Mars/Olympus' })).rejects.toMatchObject(
      {
        code: 'INVALID_TIMEZONE',
      },
    );
    await expect(coach.configureCohort(admin, 'C-drill', { packId: 'nope' })).rejects.toMatchObject({
      code: 'UNKNOWN_PACK',
    });
    const instructor: Actor = { ...ben, roles: ['instructor'] };
    const saved = await coach.configureCohort(instructor, null, {
      drillChannel: 'C-drill',
      drillTime: '08:30',
      timezone: 'America/New_York',
    });
    expect(saved.cohort).toMatchObject({
      drillChannel: 'C-drill',
      drillTime: '08:30',
      timezone: 'America/New_York',
      instructors: [ben.user],
    });
    expect((await coach.tenantConfig('slack', 'T1')).cohorts).toEqual([
      expect.objectContaining({ drillChannel: 'C-drill', drillTime: '08:30' }),
    ]);
    // Seeing them follows the same rule, whatever the platform.
    expect(await coach.showCohort(instructor, 'C-drill')).toEqual(saved.cohort);
    expect(await coach.showTenantConfig(instructor)).toEqual(saved.tenant);
    await expect(coach.showTenantConfig(ann)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(coach.showCohort(ann, 'C-drill')).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
  });
});

describe('streaks, reviews and points', () => {
  it('records the practised day, the next review and the week’s points, and shows them in progress', async () => {
    const { coach } = await openHarness(new ScriptedFeedbackModel(() => gradeOf(2)));
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start(1, 0)), out);
    await coach.handle(eventFor(ann, channel, answer('A weak answer about coding.')), out);
    const progress = await coach.progress(ann);
    expect(progress).toMatchObject({ streak: 1, practisedToday: true, due: 0, weekPoints: 12 });
  });

  it('puts questions answered poorly first in the next day’s drill', async () => {
    const { coach, clock } = await openHarness(new ScriptedFeedbackModel(() => gradeOf(1)));
    const out = new RecordingOutbox();
    const behavioral = {
      type: 'session-start',
      options: { packId: 'mini', kind: 'behavioral', count: 1, followUps: 0 },
    } as const;
    await coach.handle(eventFor(ann, channel, behavioral), out);
    expect(out.last('question')?.question.id).toBe('error-caught');
    await coach.handle(eventFor(ann, channel, answer('A poor answer about coding.')), out);
    clock.advance(24 * 60 * 60 * 1000);
    expect((await coach.progress(ann)).due).toBe(1);
    const drillOut = new RecordingOutbox('t-drill');
    await coach.handle(eventFor(ann, channel, { type: 'drill-start' }), drillOut);
    // The review comes first; the day's question (chest-pain on 2026-11-24 for this workspace) follows.
    expect(drillOut.last('question')).toMatchObject({
      number: 1,
      total: 2,
      question: { id: 'error-caught' },
    });
  });
});

describe('threads and buttons that are not the session’s', () => {
  it('does not grade a reply in another thread, or in the thread a session left when it restarted', async () => {
    const model = byQuery();
    const { coach } = await openHarness(model);
    const first = new RecordingOutbox('thread-1');
    await coach.handle(eventFor(ann, channel, start()), first);
    await coach.handle(
      eventFor(ann, { channel: 'C1', thread: 'lunch-thread' }, answer('Lunch at noon?')),
      first,
    );
    expect(model.requests).toHaveLength(0);
    expect(first.last('notice')?.code).toBe('no-session');

    const second = new RecordingOutbox('thread-2');
    await coach.handle(
      eventFor(ann, channel, { type: 'session-start', options: { packId: 'mini', mode: 'new' } }),
      second,
    );
    await coach.handle(
      eventFor(ann, { channel: 'C1', thread: 'thread-1' }, answer('An answer in the old thread.')),
      second,
    );
    expect(model.requests).toHaveLength(0);
    await coach.handle(
      eventFor(ann, { channel: 'C1', thread: 'thread-2' }, answer('I would query the physician.')),
      second,
    );
    expect(model.requests).toHaveLength(1);
  });

  it('says nothing to a message overheard in a thread that is none of the member’s sessions', async () => {
    const model = byQuery();
    const { coach } = await openHarness(model);
    const out = new RecordingOutbox('thread-1');
    await coach.handle(eventFor(ann, channel, start()), out);
    const before = out.log.length;
    const chat = {
      ...eventFor(ann, { channel: 'C1', thread: 'lunch-thread' }, answer('Noon?')),
      overheard: true,
    };
    await coach.handle(chat, out);
    expect(out.log.slice(before)).toEqual([]);
    // In the member's own session thread an overheard message is an answer like any other.
    const inSession = eventFor(ann, { channel: 'C1', thread: 'thread-1' }, answer('I would query.'));
    await coach.handle({ ...inSession, overheard: true }, out);
    expect(model.requests).toHaveLength(1);
  });

  it('keeps every reply to a private answer, and to buttons under it, for the member alone', async () => {
    const { coach } = await openHarness(byQuery());
    const out = new RecordingOutbox('thread-1');
    await coach.handle(eventFor(ann, channel, start(2, 1)), out);
    const before = out.log.length;
    const place = { channel: 'C1', thread: 'thread-1' };
    await coach.handle({ ...eventFor(ann, place, answer('I would code R07.9.')), privately: true }, out);
    await coach.handle({ ...eventFor(ann, place, { type: 'hint-request' }), privately: true }, out);
    const replies = out.log.slice(before).map((entry) => entry.reply);
    expect(replies.map((reply) => reply.type)).toEqual(
      expect.arrayContaining(['feedback', 'follow-up', 'hint']),
    );
    for (const reply of replies)
      expect(reply).toMatchObject({ private: true, privateOnly: true, inPrivate: true });
    // The same answer, not kept private, is everyone's to see.
    await coach.handle(eventFor(ann, place, answer('I would send a query.')), out);
    const open = out.finalFeedback().at(-1);
    expect(open).toMatchObject({ private: false });
    expect(open).not.toHaveProperty('inPrivate');
  });

  it('refuses a button from an earlier question, but shows that question’s strong answer', async () => {
    const { coach } = await openHarness(new ScriptedFeedbackModel(() => gradeOf(5)));
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, start(2)), out);
    const firstQuestion = out.last('question')!;
    const skipButton = firstQuestion.actions.find((action) => action.id === 'skip');
    expect(skipButton?.questionId).toBe(firstQuestion.question.id);
    await coach.handle(eventFor(ann, channel, answer('A full answer about R07.9 and a query.')), out);
    expect(out.last('question')?.number).toBe(2);

    await coach.handle(
      { ...eventFor(ann, channel, { type: 'question-skip' }), questionId: firstQuestion.question.id },
      out,
    );
    expect(out.last('notice')?.code).toBe('stale-action');
    expect(out.last('question')?.number).toBe(2);

    await coach.handle(
      { ...eventFor(ann, channel, { type: 'sample-show' }), questionId: firstQuestion.question.id },
      out,
    );
    const { miniPack } = await import('../support/core-harness.ts');
    const expected = miniPack.questions.find(
      (question) => question.id === firstQuestion.question.id,
    )!.sampleAnswer;
    expect(out.last('sample-answer')?.text).toBe(expected);
  });

  it('forgets a session whose first question could not be posted', async () => {
    const { coach, store } = await openHarness(byQuery());
    const failing = new RecordingOutbox();
    failing.send = async () => {
      throw new Error('not_in_channel');
    };
    await coach.handle(eventFor(ann, channel, start()), failing);
    expect(await store.getSession(ann, 'C1')).toBeUndefined();
  });
});

describe('answering a posted drill', () => {
  it('grades a member once, then says the drill is done; buttons before answering do nothing', async () => {
    const model = new ScriptedFeedbackModel(() => gradeOf(5));
    const { coach, store } = await openHarness(model);
    await store.bindDrillThread('slack', 'T1', 'posted-1', 'C-drill', '2026-11-23');
    const place = { channel: 'C-drill', thread: 'posted-1' };
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ben, place, { type: 'question-skip' }), out);
    expect(out.last('notice')?.code).toBe('no-session');
    await coach.handle(eventFor(ben, place, answer('I would code R07.9 and send a query.')), out);
    expect(out.finalFeedback()).toHaveLength(1);
    // The thread is everyone's (the store says so, not its name): it stays open, and the line that ends
    // Ben's drill is for him alone or not said at all.
    expect(out.last('notice')).toMatchObject({
      code: 'drill-complete',
      closesThread: false,
      privateOnly: true,
    });
    await coach.handle(eventFor(ben, place, answer('Another try.')), out);
    expect(out.last('notice')?.code).toBe('drill-done');
    expect(model.requests).toHaveLength(1);
    // The graded answer delivered again is not another try: nothing is said.
    const graded = eventFor(ben, place, answer('I would code R07.9.'), 'Ev-drill');
    await coach.handle(graded, out);
    const before = out.log.length;
    await coach.handle(graded, out);
    expect(out.log.slice(before)).toEqual([]);
  });

  it('draws the day’s question from the configured level', async () => {
    const { dailyQuestion } = await import('../../src/core/daily-question.ts');
    const { miniPack } = await import('../support/core-harness.ts');
    for (const date of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      expect(dailyQuestion(miniPack, 'slack:T1', date, 'senior').id).toBe('upcoding');
    }
  });
});
