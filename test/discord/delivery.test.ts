import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import {
  callbacksOf,
  type DiscordHarness,
  embedTitle,
  hasButton,
  openDiscordHarness,
  StreamingModel,
  waitForMessage,
} from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

async function openSession(h: DiscordHarness, user = h.fake.owner) {
  const { fake } = h;
  const before = new Set(fake.channels.keys());
  fake.command('practice', { pack: 'mini', count: 1 }, { user });
  const thread = await fake.waitFor(
    () => [...fake.channels.values()].find((channel) => channel.type === 12 && !before.has(channel.id)),
    'a new thread',
  );
  const question = await waitForMessage(fake, thread.id, hasButton('starcoach:answer'), 'the question');
  return { thread, question };
}

const sentence = (n: number) => `Sentence ${n} explains one more thing the interviewer listens for. `;
const longFeedback = Array.from({ length: 150 }, (_, n) => sentence(n))
  .join('')
  .trim();
const longPoints = Array.from(
  { length: 30 },
  (_, n) => `Key point ${n}: ${'documentation '.repeat(6).trim()}`,
);

describe('Discord deliveries: duplicates, limits', () => {
  let h: DiscordHarness;
  const model = new StreamingModel((request) =>
    request.answer.startsWith('LONG')
      ? gradeOf(2, null, { feedback: longFeedback, missingPoints: longPoints })
      : gradeOf(4, null, { feedback: 'Good.' }),
  );

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model });
  });
  afterAll(async () => h.close());

  it('grades an answer delivered twice (same interaction id) once', async () => {
    const { fake } = h;
    const { thread, question } = await openSession(h);
    const first = fake.submitModal('starcoach:answer-modal', { answer: 'R07.9 and a query.' }, question.id);
    await waitForMessage(fake, thread.id, (m) => embedTitle(m).startsWith('Summary'), 'the summary');
    fake.submitModal('starcoach:answer-modal', { answer: 'R07.9 and a query.' }, question.id, {
      id: first.id,
    });
    await fake.waitFor(() => callbacksOf(fake, first.id)[1], 'the second ack');
    await fake.quiet(300);
    expect(model.answers).toEqual(['R07.9 and a query.']);
    expect(fake.messagesIn(thread.id).filter((m: Json) => embedTitle(m) === 'Score 4/5')).toHaveLength(1);
  });

  it('opens one thread for a /practice delivered twice', async () => {
    const { fake } = h;
    const user = fake.user('twice');
    const threads = () => [...fake.channels.values()].filter((channel) => channel.type === 12).length;
    const before = threads();
    const command = fake.command('practice', { pack: 'mini', count: 1 }, { user });
    fake.command('practice', { pack: 'mini', count: 1 }, { user, id: command.id });
    await fake.waitFor(() => threads() > before, 'the thread');
    await fake.quiet(300);
    expect(threads()).toBe(before + 1);
  });

  it('splits long text and embeds to Discord’s limits, and loses nothing', async () => {
    const { fake } = h;
    const user = fake.user('verbose');
    const { thread, question } = await openSession(h, user);
    const answer = `LONG ${'I would check the documentation, then query the physician. '.repeat(70)}`.slice(
      0,
      4000,
    );
    fake.submitModal('starcoach:answer-modal', { answer }, question.id, { user });
    await waitForMessage(fake, thread.id, (m) => embedTitle(m).startsWith('Summary'), 'the summary');
    const bodies = fake.calls
      .filter((call) => /\/messages/.test(call.path) && (call.method === 'POST' || call.method === 'PATCH'))
      .map((call) => call.body);
    for (const body of bodies) {
      expect(body.content?.length ?? 0).toBeLessThanOrEqual(2000);
      for (const embed of body.embeds ?? []) {
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
        for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
        expect(JSON.stringify(embed).length).toBeLessThan(7000);
      }
    }
    const messages = fake.messagesIn(thread.id);
    const echoed = messages.filter(
      (m: Json) => m.content.startsWith('**Your answer**') || m.content.startsWith('>>> '),
    );
    expect(answer).toHaveLength(4000);
    expect(echoed.length).toBeGreaterThanOrEqual(3);
    const echoText = echoed
      .map((m: Json) => m.content.replace(/^\*\*Your answer\*\* · <@\d+>\n/, '').slice(4))
      .join(' ');
    expect(echoText.replace(/\s+/g, ' ')).toBe(answer.trim().replace(/\s+/g, ' '));
    const start = messages.findIndex((m: Json) => embedTitle(m) === 'Score 2/5');
    const feedback = messages.slice(start).filter((m: Json) => !embedTitle(m).startsWith('Summary'));
    const text = feedback.map((m: Json) => m.embeds[0].description ?? '').join(' ');
    expect(text.replace(/\s+/g, ' ').trim()).toBe(longFeedback);
    const points = feedback
      .flatMap((m: Json) => m.embeds[0].fields ?? [])
      .map((f: Json) => f.value)
      .join('\n');
    for (const point of longPoints) expect(points).toContain(point);
  });
});

describe('Discord feedback streaming and shutdown', () => {
  let h: DiscordHarness;
  const model = new StreamingModel(
    () => gradeOf(5, null, { feedback: 'A hire-level answer. '.repeat(20).trim() }),
    {
      delayMs: 1200,
      pieces: 24,
    },
  );

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model, editIntervalMs: 300 });
  });
  afterAll(async () => h.close());

  it('edits at most once per interval while the LLM streams, and lands the final embed last', async () => {
    const { fake } = h;
    const { thread, question } = await openSession(h);
    fake.submitModal('starcoach:answer-modal', { answer: 'R07.9, a query, and why.' }, question.id);
    await waitForMessage(fake, thread.id, (m) => embedTitle(m).startsWith('Summary'), 'the summary');
    const feedback = fake.messagesIn(thread.id).find((m: Json) => embedTitle(m) === 'Score 5/5');
    const edits = fake.callsTo('PATCH', new RegExp(`/messages/${feedback.id}$`));
    // 24 pieces over 1.2 s at one edit per 300 ms: a handful of edits, never one per piece.
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.length).toBeLessThan(12);
    expect(edits.at(-1)!.body.embeds[0].title).toBe('Score 5/5');
    expect(edits.slice(0, -1).every((edit) => edit.body.embeds[0].title === undefined)).toBe(true);
  });

  it('stop() lets an answer being graded finish before it disconnects', async () => {
    const { fake } = h;
    const user = fake.user('late');
    const { thread, question } = await openSession(h, user);
    const submit = fake.submitModal('starcoach:answer-modal', { answer: 'R07.9 and a query.' }, question.id, {
      user,
    });
    await fake.waitFor(() => callbacksOf(fake, submit.id)[0], 'the ack');
    await h.adapter.stop();
    expect(fake.messagesIn(thread.id).some((m: Json) => embedTitle(m) === 'Score 5/5')).toBe(true);
  });
});

describe('Discord gateway reconnects', () => {
  let h: DiscordHarness;
  const model = new StreamingModel(() => gradeOf(4, null, { feedback: 'Good.' }));

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model });
  });
  afterAll(async () => h.close());

  it('resumes after a dropped connection, and an answer replayed after the resume is not graded again', async () => {
    const { fake } = h;
    const { thread, question } = await openSession(h);
    const submit = fake.submitModal('starcoach:answer-modal', { answer: 'R07.9 and a query.' }, question.id);
    await waitForMessage(fake, thread.id, (m) => embedTitle(m) === 'Score 4/5', 'the feedback');
    fake.dropConnection();
    await fake.waitFor(() => fake.resumes > 0, 'a resume');
    fake.submitModal('starcoach:answer-modal', { answer: 'R07.9 and a query.' }, question.id, {
      id: submit.id,
    });
    await fake.waitFor(() => callbacksOf(fake, submit.id)[1], 'the replay acked');
    await fake.quiet(300);
    expect(model.answers).toHaveLength(1);
  });

  it('reports the gateway connection: down while Discord is unreachable, up again after the reconnect', async () => {
    const { fake, adapter } = h;
    expect(adapter.connected()).toBe(true);
    fake.holdConnections();
    fake.dropConnection(1000);
    await vi.waitFor(() => expect(adapter.connected()).toBe(false), { timeout: 5000 });
    fake.releaseConnections();
    await vi.waitFor(() => expect(adapter.connected()).toBe(true), { timeout: 8000 });
  });
});
