import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import {
  buttonIds,
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

const ephemeral = (m: Json) => (m.flags & 64) === 64;

describe('Discord buttons: hint, skip, sample, end, and someone else’s clicks', () => {
  let h: DiscordHarness;
  let thread: Json;
  const model = new StreamingModel(() => gradeOf(4, null, { feedback: 'Good.' }));

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model });
    const { fake } = h;
    fake.command('practice', { pack: 'mini', count: 3 });
    thread = await fake.waitFor(
      () => [...fake.channels.values()].find((channel) => channel.type === 12),
      'thread',
    );
    await waitForMessage(fake, thread.id, hasButton('starcoach:answer'), 'the first question');
  });
  afterAll(async () => h.close());

  const latestQuestion = () =>
    publicIn(thread.id)
      .filter((m: Json) => buttonIds(m).includes('starcoach:skip') && m.embeds[0]?.footer)
      .at(-1);
  const publicIn = (channelId: string) => h.fake.messagesIn(channelId).filter((m: Json) => !ephemeral(m));

  it('Hint acks with a deferred update and answers privately', async () => {
    const { fake } = h;
    const click = fake.click(latestQuestion().id, 'starcoach:hint');
    const hint = await fake.waitFor(
      () => fake.messagesIn(thread.id).find((m: Json) => ephemeral(m) && embedTitle(m) === 'Hint'),
      'the private hint',
    );
    expect(callbacksOf(fake, click.id)).toEqual([{ type: 6 }]);
    expect(hint.embeds[0].description).toBe('What does the documentation actually say?');
    expect(buttonIds(hint)).toEqual(['starcoach:sample', 'starcoach:skip']);
  });

  it('Show a strong answer answers privately with Next and End', async () => {
    const { fake } = h;
    fake.click(latestQuestion().id, 'starcoach:hint');
    const hint = await fake.waitFor(
      () => fake.messagesIn(thread.id).filter((m: Json) => ephemeral(m) && embedTitle(m) === 'Hint')[1],
      'a second hint',
    );
    fake.click(hint.id, 'starcoach:sample');
    const sample = await fake.waitFor(
      () => fake.messagesIn(thread.id).find((m: Json) => ephemeral(m) && embedTitle(m) === 'A strong answer'),
      'the strong answer',
    );
    expect(sample.embeds[0].description).toBe('I code R07.9 and send a non-leading query.');
    expect(buttonIds(sample)).toEqual(['starcoach:next', 'starcoach:end']);
  });

  it('someone else’s click gets a private note and changes nothing', async () => {
    const { fake } = h;
    const question = latestQuestion();
    const before = publicIn(thread.id).length;
    const click = fake.click(question.id, 'starcoach:skip', { user: fake.other });
    const note = await fake.waitFor(
      () => fake.messagesIn(thread.id).find((m: Json) => ephemeral(m) && m.content.includes('someone else')),
      'the private note',
    );
    expect(note.content).toBe('This session belongs to someone else. Start your own to practise.');
    expect(callbacksOf(fake, click.id)).toEqual([{ type: 6 }]);
    await fake.quiet(200);
    expect(publicIn(thread.id)).toHaveLength(before);
  });

  it('someone else’s modal answer is not graded', async () => {
    const { fake } = h;
    const click = fake.click(latestQuestion().id, 'starcoach:answer', { user: fake.other });
    await fake.waitFor(() => callbacksOf(fake, click.id)[0], 'the modal');
    fake.submitModal('starcoach:answer-modal', { answer: 'R07.9 and a query.' }, latestQuestion().id, {
      user: fake.other,
    });
    await fake.waitFor(
      () =>
        fake.messagesIn(thread.id).filter((m: Json) => ephemeral(m) && m.content.includes('someone else'))[1],
      'a second private note',
    );
    expect(model.answers).toEqual([]);
  });

  it('Skip says so in the thread and asks the next question', async () => {
    const { fake } = h;
    fake.click(latestQuestion().id, 'starcoach:skip');
    const second = await waitForMessage(
      fake,
      thread.id,
      (m) => m.embeds[0]?.footer?.text === '2/3 · Mini Coder',
      'the second question',
    );
    expect(
      fake
        .messagesIn(thread.id)
        .some((m: Json) => m.content === 'Skipped. It will come back in a later session.'),
    ).toBe(true);
    expect(buttonIds(second)).toContain('starcoach:answer');
  });

  it('a button under an earlier question is refused privately, not applied to the current one', async () => {
    const { fake } = h;
    const first = publicIn(thread.id).find((m: Json) => m.embeds[0]?.footer?.text === '1/3 · Mini Coder');
    const current = latestQuestion();
    fake.click(first.id, 'starcoach:skip');
    const note = await fake.waitFor(
      () =>
        fake.messagesIn(thread.id).find((m: Json) => ephemeral(m) && m.content.includes('earlier question')),
      'the stale-button note',
    );
    expect(note.content).toBe(
      'That button belongs to an earlier question. Use the buttons under the current one.',
    );
    await fake.quiet(200);
    expect(latestQuestion().id).toBe(current.id);
  });

  it('End sends the summary and archives the thread', async () => {
    const { fake } = h;
    fake.click(latestQuestion().id, 'starcoach:end');
    const summary = await waitForMessage(
      fake,
      thread.id,
      (m) => embedTitle(m).startsWith('Summary'),
      'summary',
    );
    expect(summary.embeds[0].description).toBe('Answered 0/3');
    await fake.waitFor(() => fake.callsTo('PATCH', new RegExp(`^/channels/${thread.id}$`))[0], 'archived');
    expect(h.logger.errors).toEqual([]);
  });

  it('a second /practice while one is running offers Resume or Start over privately', async () => {
    const { fake } = h;
    fake.command('practice', { pack: 'mini' });
    const threads = () => [...fake.channels.values()].filter((channel) => channel.type === 12);
    await fake.waitFor(() => threads()[1], 'a second thread');
    const command = fake.command('practice', { pack: 'mini' });
    const offer = await fake.waitFor(
      () => fake.messagesIn(fake.channelId).find((m: Json) => hasButton('starcoach:resume')(m)),
      'the resume offer',
    );
    // The ephemeral placeholder became the offer.
    expect(offer.interaction_token).toBe(`token-${command.id}`);
    expect(buttonIds(offer)).toEqual(['starcoach:resume', 'starcoach:restart']);
    fake.click(offer.id, 'starcoach:resume');
    const third = await fake.waitFor(() => threads()[2], 'a thread for the resumed session');
    await waitForMessage(fake, third.id, hasButton('starcoach:answer'), 'the question again');
    await fake.waitFor(
      () => fake.messages.get(offer.id).content.includes(`<#${third.id}>`),
      'the offer pointing there',
    );
    expect(fake.messages.get(offer.id).components).toEqual([]);
  });
});
