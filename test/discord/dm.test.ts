import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import {
  buttonIds,
  callbacksOf,
  type DiscordHarness,
  embedTitle,
  openDiscordHarness,
  StreamingModel,
} from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

describe('Discord in a DM with the bot: no threads, replies through the interaction', () => {
  let h: DiscordHarness;
  const model = new StreamingModel(() => gradeOf(4, null, { feedback: 'Good.' }));

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model });
  });
  afterAll(async () => h.close());

  it('runs a session in the DM, tenant "dm", through follow-ups and webhook edits', async () => {
    const { fake } = h;
    const command = fake.command('practice', { pack: 'mini', count: 1 }, { dm: true });
    const dm = [...fake.channels.values()].find((channel) => channel.type === 1);
    await fake.waitFor(() => callbacksOf(fake, command.id)[0], 'the deferral');
    expect(callbacksOf(fake, command.id)[0]).toEqual({ type: 5, data: { flags: 0 } });
    // The deferral is filled with the question itself.
    const question = await fake.waitFor(
      () => fake.messagesIn(dm.id).find((m: Json) => buttonIds(m).includes('starcoach:answer')),
      'the question',
    );
    expect(question.interaction_token).toBe(`token-${command.id}`);
    expect(fake.callsTo('POST', /\/threads$/)).toEqual([]);
    const click = fake.click(question.id, 'starcoach:answer', { dm: true });
    await fake.waitFor(() => callbacksOf(fake, click.id)[0], 'the modal');
    expect(callbacksOf(fake, click.id)[0].type).toBe(9);
    fake.submitModal('starcoach:answer-modal', { answer: 'R07.9 and a query.' }, question.id, { dm: true });
    await fake.waitFor(
      () => fake.messagesIn(dm.id).find((m: Json) => embedTitle(m).startsWith('Summary')),
      'summary',
    );
    expect(fake.messagesIn(dm.id).some((m: Json) => embedTitle(m) === 'Score 4/5')).toBe(true);
    const history = await h.store.getHistory({ platform: 'discord', tenant: 'dm', user: fake.owner.id });
    expect(history.attempts).toHaveLength(1);
    expect(h.logger.errors).toEqual([]);
  });
});
