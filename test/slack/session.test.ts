import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/core/messages.ts';
import type { SlackCall } from '../fakes/slack-server.ts';
import { buttonsOf, openSlackHarness, type SlackHarness, SlowFeedbackModel, textOf } from './harness.ts';

let h: SlackHarness;
const model = new SlowFeedbackModel(0);

beforeAll(async () => {
  h = await openSlackHarness({ feedback: model });
});
afterAll(async () => {
  await h.close();
});

const channel = 'C1';
const owner = 'U1';
const posts = () => h.fake.callsTo('chat.postMessage');
const postsIn = (thread: string) => posts().filter((call) => call.body.thread_ts === thread);
const updatesOf = (ts: string) => h.fake.callsTo('chat.update').filter((call) => call.body.ts === ts);

describe('a whole session in one thread', () => {
  let thread = '';

  it('posts the first question as a channel message, with Hint, Skip and End', async () => {
    const response = await h.requests.command('/coach', 'start medical-coding technical junior 2', {
      user: owner,
      channel,
      responseUrl: h.fake.responseUrl(),
    });
    expect(response.status).toBe(200);
    const [question] = posts();
    expect(question?.body.channel).toBe(channel);
    expect(question?.body.thread_ts).toBeUndefined();
    expect(question?.token).toBe('xoxb-test');
    expect(textOf(question!)).toMatch(/^Q1\/2 · Medical Coding Specialist/);
    expect(textOf(question!)).toContain('technical · junior');
    expect(buttonsOf(question!)).toEqual(['starcoach:hint', 'starcoach:skip', 'starcoach:end']);
    thread = tsOf(question!);
  });

  it('grades a thread reply in a placeholder that is edited to the full grade, then asks the follow-up', async () => {
    const before = posts().length;
    await h.requests.reply({ user: owner, channel, thread, text: 'I would code R07.9.' });
    const [placeholder, followUp] = posts().slice(before);
    expect(textOf(placeholder!)).toContain(messages.gradingPlaceholder());
    expect([placeholder!.body.thread_ts, followUp!.body.thread_ts]).toEqual([thread, thread]);
    const edits = updatesOf(tsOf(placeholder!));
    expect(edits.length).toBeGreaterThanOrEqual(2);
    const final = edits.at(-1)!;
    expect(textOf(final)).toMatch(/^Score 2\/5/);
    expect(textOf(final)).toContain('*Missing:* Queries the physician');
    expect(textOf(final)).toContain('You named the code but not the query.');
    expect(buttonsOf(final)).toEqual(['starcoach:sample']);
    expect(textOf(followUp!)).toContain('*Follow-up:* What would you ask the physician?');
    expect(buttonsOf(followUp!)).toEqual([
      'starcoach:hint',
      'starcoach:sample',
      'starcoach:next',
      'starcoach:end',
    ]);
  });

  it('grades the follow-up answer and posts the next question in the same thread', async () => {
    const before = posts().length;
    await h.requests.reply({ user: owner, channel, thread, text: 'I would send a non-leading query first.' });
    const fresh = posts().slice(before);
    expect(fresh.every((call) => call.body.thread_ts === thread)).toBe(true);
    const question = fresh.find((call) => textOf(call).startsWith('Q2/2'));
    expect(question).toBeDefined();
    const finals = h.fake.callsTo('chat.update').filter((call) => textOf(call).startsWith('Score 4/5'));
    expect(finals).toHaveLength(1);
  });

  it('ends with a summary in the thread when Next is pressed after the last follow-up', async () => {
    await h.requests.reply({ user: owner, channel, thread, text: 'I code what is documented.' });
    const followUp = postsIn(thread).at(-1)!;
    expect(textOf(followUp)).toContain('Follow-up');
    await h.requests.action('starcoach:next', {
      user: owner,
      channel,
      responseUrl: h.fake.responseUrl(),
      message: { ts: tsOf(followUp), thread_ts: thread },
    });
    const summary = postsIn(thread).at(-1)!;
    expect(textOf(summary)).toMatch(/^Summary\n2 of 2 answered · average 3\/5/);
    expect(textOf(summary)).toContain('/coach start medical-coding');
    expect(h.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});

function tsOf(post: SlackCall): string {
  return String(post.result.ts);
}
