import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

const threadsRoute = /^\/channels\/\d+\/threads$/;
const notEphemeral = (m: Json) => (m.flags & 64) === 0;
const unavailable = 'I can’t open a thread in this channel (missing permission)';

describe('Discord without thread permissions: the session falls back to the channel', () => {
  let h: DiscordHarness;
  const model = new StreamingModel(() => gradeOf(4, null, { feedback: 'Good.' }));

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model });
  });
  afterAll(async () => h.close());
  afterEach(() => h.fake.clearFailures());

  it('tries private then public, says why privately, and asks in the channel (403 50013)', async () => {
    const { fake } = h;
    fake.failWith('POST', threadsRoute, { status: 403, code: 50013 });
    const command = fake.command('practice', { pack: 'mini', count: 1 });
    const question = await waitForMessage(
      fake,
      fake.channelId,
      (m) => notEphemeral(m) && hasButton('starcoach:answer')(m),
      'the question in the channel',
    );
    expect(fake.callsTo('POST', threadsRoute).map((call) => call.body.type)).toEqual([12, 11]);
    const original = await fake.waitFor(
      () => [...fake.messages.values()].find((m) => m.interaction_token === `token-${command.id}`),
      'the placeholder',
    );
    expect(original.content).toContain(unavailable);
    expect(original.flags).toBe(64);
    expect([...fake.channels.values()].some((channel) => channel.type === 12 || channel.type === 11)).toBe(
      false,
    );

    // The session lives on in the channel: the Answer button there works.
    fake.submitModal(
      'starcoach:answer-modal',
      { answer: 'I code R07.9 and query the physician.' },
      question.id,
    );
    await waitForMessage(
      fake,
      fake.channelId,
      (m) => embedTitle(m) === 'Score 4/5',
      'feedback in the channel',
    );
    await waitForMessage(fake, fake.channelId, (m) => embedTitle(m).startsWith('Summary'), 'the summary');
    expect(fake.callsTo('PATCH', /^\/channels\/\d+$/)).toEqual([]);
  });

  it('does not try threads Discord says it may not create', async () => {
    const { fake } = h;
    const before = fake.callsTo('POST', threadsRoute).length;
    const command = fake.command(
      'practice',
      { pack: 'mini', count: 1, kind: 'behavioral' },
      { appPermissions: '3072' },
    );
    await fake.waitFor(
      () =>
        [...fake.messages.values()].find(
          (m) => m.interaction_token === `token-${command.id}` && m.content.includes(unavailable),
        ),
      'the notice',
    );
    await waitForMessage(
      fake,
      fake.channelId,
      (m) => notEphemeral(m) && embedTitle(m) === 'Tell me about a coding error you caught.',
      'the question in the channel',
    );
    expect(fake.callsTo('POST', threadsRoute)).toHaveLength(before);
  });

  it('answers through the interaction itself when it cannot post in the channel either (50001)', async () => {
    const { fake } = h;
    fake.failWith('POST', threadsRoute, { status: 403, code: 50013 });
    fake.failWith('POST', new RegExp(`^/channels/${fake.channelId}/messages$`), { status: 403, code: 50001 });
    const command = fake.command(
      'practice',
      { pack: 'mini', count: 1, level: 'senior' },
      { user: fake.user('lin') },
    );
    const followUp = await fake.waitFor(
      () => fake.callsTo('POST', new RegExp(`^/webhooks/\\d+/token-${command.id}$`))[0],
      'a follow-up through the webhook',
    );
    expect(followUp.body.embeds[0].title).toBe('What is upcoding?');
    expect(followUp.body.flags ?? 0).toBe(0);
    expect(callbacksOf(fake, command.id)).toHaveLength(1);
    expect(h.logger.errors).toEqual([]);
  });
});
