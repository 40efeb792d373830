import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeButtonValue } from '../../adapters/slack/to-event.ts';
import { wording as slackWording } from '../../adapters/slack/wording.ts';
import type { GradeRequest } from '../../src/core/feedback-model.ts';
import { messages } from '../../src/core/messages.ts';
import { signatureHeaders } from '../fakes/slack-server.ts';
import {
  gradeOf,
  openSlackHarness,
  type SlackHarness,
  SlowFeedbackModel,
  signingSecret,
  textOf,
  valuesOf,
} from './harness.ts';

// Feedback that quotes the answer, as a coach does: the echo is where user text reaches a message.
const model = new SlowFeedbackModel(0, (request: GradeRequest) =>
  gradeOf(3, `You said "${request.answer}".`),
);
let h: SlackHarness;

beforeAll(async () => {
  h = await openSlackHarness({ feedback: model });
});
afterAll(async () => {
  await h.close();
});

/** Starts a session for `user` in `channel` and returns its thread. */
async function startSession(user: string, channel: string): Promise<string> {
  await h.requests.command('/coach', 'start medical-coding technical 3', {
    user,
    channel,
    responseUrl: h.fake.responseUrl(),
  });
  const question = h.fake
    .callsTo('chat.postMessage')
    .filter((call) => call.body.channel === channel)
    .at(-1);
  if (!question) throw new Error(`no question posted in ${channel}`);
  return String(question.result.ts);
}

const placeholdersIn = (thread: string) =>
  h.fake
    .callsTo('chat.postMessage')
    .filter((call) => call.body.thread_ts === thread && textOf(call).includes(messages.gradingPlaceholder()));

describe('requests Slack did not sign', () => {
  it('refuses a bad signature with 401', async () => {
    const body = h.requests.eventBody({ type: 'app_home_opened', user: 'U1', tab: 'home' });
    const forged = signatureHeaders('not-the-secret', body);
    const response = await h.requests.post(body, 'application/json', forged);
    expect(response.status).toBe(401);
  });

  it('refuses a stale timestamp with 401', async () => {
    const body = h.requests.eventBody({ type: 'app_home_opened', user: 'U1', tab: 'home' });
    const stale = signatureHeaders(signingSecret, body, Math.floor(Date.now() / 1000) - 600);
    const response = await h.requests.post(body, 'application/json', stale);
    expect(response.status).toBe(401);
    expect(h.fake.callsTo('views.publish')).toEqual([]);
  });
});

describe('thread replies', () => {
  it('grades a re-delivered event once', async () => {
    const thread = await startSession('U10', 'C10');
    const reply = {
      user: 'U10',
      channel: 'C10',
      thread,
      text: 'I code R07.9.',
      eventId: 'EvRetry',
      ts: '1800000000.500000',
    };
    const [first, retry] = await Promise.all([
      h.requests.reply(reply),
      h.requests.reply({ ...reply, retryNum: 1 }),
    ]);
    const late = await h.requests.reply({ ...reply, retryNum: 2 });
    expect(late.status).toBe(200);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(placeholdersIn(thread)).toHaveLength(1);
    expect(model.requests.filter((request) => request.answer === 'I code R07.9.')).toHaveLength(1);
  });

  it('tells a classmate privately that the session is someone else’s, and grades nothing', async () => {
    const thread = await startSession('U11', 'C11');
    await h.requests.reply({ user: 'U12', channel: 'C11', thread, text: 'Let me try this one.' });
    const note = h.fake.callsTo('chat.postEphemeral').at(-1);
    expect(note?.body).toMatchObject({ channel: 'C11', user: 'U12', thread_ts: thread });
    expect(textOf(note!)).toBe(messages.notYourSession());
    expect(placeholdersIn(thread)).toEqual([]);
  });

  it('ignores bot messages (with or without a subtype) and edits', async () => {
    const thread = await startSession('U13', 'C13');
    const before = h.fake.calls.length;
    const base = { type: 'message', channel: 'C13', thread_ts: thread, text: 'I code R07.9.' };
    await h.requests.event({ ...base, user: 'U13', bot_id: 'B1', ts: '1800000001.000001' });
    await h.requests.event({ ...base, subtype: 'bot_message', bot_id: 'B1', ts: '1800000001.000002' });
    await h.requests.event({
      type: 'message',
      subtype: 'message_changed',
      channel: 'C13',
      hidden: true,
      ts: '1800000001.000003',
      message: {
        type: 'message',
        user: 'U13',
        text: 'edited answer',
        ts: '1800000001.000004',
        thread_ts: thread,
      },
      previous_message: { type: 'message', user: 'U13', text: 'answer', ts: '1800000001.000004' },
    });
    expect(h.fake.calls.slice(before)).toEqual([]);
  });

  it('stays silent about a reply in a thread that is no session', async () => {
    const before = h.fake.calls.length;
    await h.requests.reply({ user: 'U14', channel: 'C14', thread: '1600000000.000001', text: 'lunch?' });
    expect(h.fake.calls.slice(before)).toEqual([]);
  });

  it('escapes user text echoed back, so <!channel> pings nobody', async () => {
    const thread = await startSession('U15', 'C15');
    await h.requests.reply({ user: 'U15', channel: 'C15', thread, text: '<!channel> I code R07.9 & query' });
    const [placeholder] = placeholdersIn(thread);
    const final = h.fake
      .callsTo('chat.update')
      .filter((call) => call.body.ts === placeholder!.result.ts)
      .at(-1)!;
    const sent = JSON.stringify(final.body);
    expect(textOf(final)).toContain('You said "&lt;!channel&gt; I code R07.9 &amp; query".');
    expect(sent).not.toContain('<!channel>');
  });
});

describe('errors Slack returns', () => {
  it('turns a rate limit that outlasts the retries into a private note', async () => {
    h.fake.fail('chat.postMessage', { status: 429, retryAfter: 0 });
    const responseUrl = h.fake.responseUrl('rate-limited');
    await h.requests.command('/coach', 'start medical-coding', { user: 'U19', channel: 'C19', responseUrl });
    const note = await h.fake.waitForResponse((call) => call.id === 'rate-limited');
    expect(textOf(note)).toBe(slackWording.slackError.rateLimited());
  });

  it('posts the final grade as a new message when the placeholder cannot be edited', async () => {
    const thread = await startSession('U20', 'C20');
    h.fake.fail('chat.update', { error: 'message_not_found' }, 5);
    await h.requests.reply({ user: 'U20', channel: 'C20', thread, text: 'I code R07.9.' });
    const final = h.fake
      .callsTo('chat.postMessage')
      .find((call) => call.body.thread_ts === thread && textOf(call).startsWith('Score 3/5'));
    expect(final).toBeDefined();
    h.fake.clearFailures();
  });

  it('turns not_in_channel into a private note saying what to do', async () => {
    h.fake.fail('chat.postMessage', { error: 'not_in_channel' });
    const responseUrl = h.fake.responseUrl('not-in-channel');
    const response = await h.requests.command('/coach', 'start medical-coding', {
      user: 'U16',
      channel: 'C16',
      responseUrl,
    });
    expect(response.status).toBe(200);
    const note = await h.fake.waitForResponse((call) => call.id === 'not-in-channel');
    expect(note.body.response_type).toBe('ephemeral');
    expect(textOf(note)).toBe(slackWording.slackError.notInChannel());
    expect(h.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});

describe('buttons', () => {
  it('shows a hint privately in the session’s thread, and refuses a classmate’s press', async () => {
    const thread = await startSession('U17', 'C17');
    const press = { channel: 'C17', responseUrl: h.fake.responseUrl(), message: { ts: thread } };
    await h.requests.action('starcoach:hint', { ...press, user: 'U17' });
    const hint = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(hint.body).toMatchObject({ channel: 'C17', user: 'U17', thread_ts: thread });
    expect(textOf(hint)).toMatch(/^:bulb: \*Hint:\*/);
    // The hint's own buttons carry the thread: Slack sends presses on ephemeral messages without it.
    const values = valuesOf(hint).map((value) => decodeButtonValue(value));
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((value) => value.thread === thread && value.questionId)).toBe(true);

    await h.requests.action('starcoach:skip', { ...press, user: 'U18' });
    const refusal = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(refusal.body).toMatchObject({ user: 'U18', thread_ts: thread });
    expect(textOf(refusal)).toBe(messages.notYourSession());
  });
});

describe('a button from an earlier question', () => {
  it('is refused privately, and acts on nothing', async () => {
    const thread = await startSession('U21', 'C21');
    const first = h.fake.callsTo('chat.postMessage').find((call) => call.result.ts === thread)!;
    const [hintValue, skipValue] = valuesOf(first);
    const press = { user: 'U21', channel: 'C21', responseUrl: h.fake.responseUrl(), message: { ts: thread } };
    await h.requests.action('starcoach:skip', { ...press, value: skipValue });
    const second = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(second.body.thread_ts).toBe(thread);
    expect(textOf(second)).toMatch(/^Q2\/3/);
    expect(decodeButtonValue(valuesOf(second)[0]).questionId).not.toBe(
      decodeButtonValue(hintValue).questionId,
    );

    const before = h.fake.calls.length;
    await h.requests.action('starcoach:hint', { ...press, value: hintValue });
    const fresh = h.fake.calls.slice(before);
    expect(fresh.map((call) => call.method)).toEqual(['chat.postEphemeral']);
    expect(fresh[0]!.body).toMatchObject({ user: 'U21', thread_ts: thread });
    expect(textOf(fresh[0]!)).toBe(messages.staleAction());
  });
});

describe('App Home and health', () => {
  it('publishes the user’s progress when they open the Home tab', async () => {
    await h.requests.homeOpened('U10');
    const view = h.fake.callsTo('views.publish').at(-1)!;
    expect(view.body.user_id).toBe('U10');
    const blocks = (view.body.view as { blocks: { text?: { text: string } }[] }).blocks;
    expect(blocks[0]?.text?.text).toBe('Your practice');
    expect(JSON.stringify(blocks)).toContain('*Answered*\\n1');
    expect(JSON.stringify(blocks)).toContain('*Points this week*');
  });

  it('answers the load balancer’s health check', async () => {
    const response = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('with one fixed token, an uninstall is logged for the operator and schedules no deletion', async () => {
    const response = await h.requests.appUninstalled();
    expect(response.status).toBe(200);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        event: 'slack-app-removed',
        fields: expect.objectContaining({
          tenant: 'T1',
          reason: 'uninstalled',
          hint: expect.stringContaining('SLACK_BOT_TOKEN'),
        }),
      }),
    );
    expect(await h.store.dueTenantDeletions(Date.now() + 365 * 24 * 60 * 60 * 1000)).toEqual([]);
  });
});
