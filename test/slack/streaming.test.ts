import { afterAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../fakes/slack-server.ts';
import { gradeOf, openSlackHarness, type SlackHarness, SlowFeedbackModel, textOf } from './harness.ts';

const open: SlackHarness[] = [];
afterAll(async () => {
  await Promise.all(open.map((harness) => harness.close()));
});

async function harnessWith(model: SlowFeedbackModel, processBeforeResponse: boolean) {
  const harness = await openSlackHarness({ feedback: model, processBeforeResponse });
  open.push(harness);
  return harness;
}

async function startAndWaitForQuestion(h: SlackHarness, user: string, channel: string): Promise<string> {
  await h.requests.command('/coach', 'start medical-coding technical', {
    user,
    channel,
    responseUrl: h.fake.responseUrl(),
  });
  const question = await h.fake.waitFor(
    (call) => call.method === 'chat.postMessage' && call.body.channel === channel && !call.body.thread_ts,
  );
  return String(question.result.ts);
}

const sectionTexts = (call: SlackCall) =>
  ((call.body.blocks ?? []) as { type: string; text?: { text: string } }[])
    .filter((block) => block.type === 'section' && block.text)
    .map((block) => block.text!.text);

describe('acks before grading', () => {
  it('answers Slack’s request before a slow (3 s) LLM finishes, then streams into the placeholder', async () => {
    const h = await harnessWith(new SlowFeedbackModel(3000), false);
    const thread = await startAndWaitForQuestion(h, 'U30', 'C30');
    const response = await h.requests.reply({ user: 'U30', channel: 'C30', thread, text: 'I code R07.9.' });
    const callsAtAck = h.fake.calls.length;
    h.fake.mark('http-response');
    expect(response.status).toBe(200);

    const final = await h.fake.waitFor(
      (call) => call.method === 'chat.update' && textOf(call).startsWith('Score 2/5'),
      15_000,
    );
    expect(h.fake.calls.indexOf(final)).toBeGreaterThanOrEqual(callsAtAck);
    const placeholder = h.fake
      .callsTo('chat.postMessage')
      .find((call) => call.body.thread_ts === thread && textOf(call).includes('Grading'))!;
    const edits = h.fake.callsTo('chat.update').filter((call) => call.body.ts === placeholder.result.ts);
    // Partial text first (edited in place, throttled), and the whole grade always last.
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(textOf(edits[0]!)).not.toMatch(/^Score/);
    expect(edits.at(-1)).toBe(final);
    await h.fake.waitFor((call) => call.method === 'chat.postMessage' && textOf(call).includes('Follow-up'));
  });
});

describe('long feedback', () => {
  const paragraph = (n: number) => `Paragraph ${n}: ${'the documentation decides the code. '.repeat(80)}`;

  it('splits text past 3,000 characters into several sections, dropping nothing', async () => {
    const feedback = [1, 2, 3].map(paragraph).join('\n\n');
    const h = await harnessWith(new SlowFeedbackModel(0, () => gradeOf(3, feedback)), true);
    const thread = await startAndWaitForQuestion(h, 'U31', 'C31');
    await h.requests.reply({ user: 'U31', channel: 'C31', thread, text: 'I code R07.9.' });
    const final = h.fake.callsTo('chat.update').at(-1)!;
    const sections = sectionTexts(final);
    expect(sections.every((text) => text.length <= 3000)).toBe(true);
    const joined = sections.join(' ');
    for (const n of [1, 2, 3]) expect(joined).toContain(`Paragraph ${n}:`);
    expect(joined.match(/the documentation decides the code\./g)).toHaveLength(240);
  });

  it('continues in another message in the thread past 50 blocks', async () => {
    const feedback = Array.from({ length: 60 }, (_, n) => paragraph(n + 1)).join('\n\n');
    const h = await harnessWith(new SlowFeedbackModel(0, () => gradeOf(3, feedback)), true);
    const thread = await startAndWaitForQuestion(h, 'U32', 'C32');
    const before = h.fake.callsTo('chat.postMessage').length;
    await h.requests.reply({ user: 'U32', channel: 'C32', thread, text: 'I code R07.9.' });
    const final = h.fake.callsTo('chat.update').at(-1)!;
    expect((final.body.blocks as unknown[]).length).toBe(50);
    const overflow = h.fake.callsTo('chat.postMessage').slice(before + 1);
    expect(overflow[0]?.body.thread_ts).toBe(thread);
    const all = [final, ...overflow].flatMap(sectionTexts).join(' ');
    for (const n of [1, 30, 60]) expect(all).toContain(`Paragraph ${n}:`);
  });
});
