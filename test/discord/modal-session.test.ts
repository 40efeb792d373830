import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import {
  answerThroughModal,
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

describe('Discord: a whole session in a private thread, answered through the modal', () => {
  let h: DiscordHarness;
  const model = new StreamingModel((request) =>
    request.previous.length === 0 && request.question.id === 'chest-pain'
      ? gradeOf(3, 'What do you do when the ED note shows an EKG?', {
          feedback: 'You coded it; now say why.',
        })
      : gradeOf(4, null, { feedback: 'Clear and documented.' }),
  );

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model });
  });
  afterAll(async () => h.close());

  it('asks for no privileged intent by default', () => {
    expect(h.fake.intents & (1 << 15)).toBe(0);
    expect(h.fake.intents & 1).toBe(1);
  });

  it('answers /practice at once, opens a private thread with the user in it, asks there', async () => {
    const { fake } = h;
    const command = fake.command('practice', { pack: 'mini', count: 2 });
    await fake.waitFor(() => callbacksOf(fake, command.id)[0], 'the /practice callback');
    expect(callbacksOf(fake, command.id)[0]).toMatchObject({
      type: 4,
      data: { content: 'Opening your session in a thread…', flags: 64 },
    });
    const create = await fake.waitFor(
      () => fake.callsTo('POST', /^\/channels\/\d+\/threads$/)[0],
      'a thread',
    );
    expect(create.path).toBe(`/channels/${fake.channelId}/threads`);
    expect(create.body).toMatchObject({ type: 12, invitable: false, name: 'ada · Mini Coder' });
    const thread = [...fake.channels.values()].find((channel) => channel.type === 12);
    await fake.waitFor(
      () => fake.callsTo('PUT', new RegExp(`^/channels/${thread.id}/thread-members/${fake.owner.id}$`))[0],
      'the owner added to the thread',
    );
    const question = await waitForMessage(
      fake,
      thread.id,
      hasButton('starcoach:answer'),
      'the first question',
    );
    expect(embedTitle(question)).toBe(
      'A physician documents chest pain without further specification. How do you code it?',
    );
    expect(buttonIds(question)).toEqual([
      'starcoach:answer',
      'starcoach:hint',
      'starcoach:skip',
      'starcoach:end',
    ]);
    expect(question.embeds[0].footer.text).toBe('1/2 · Mini Coder');
    // The ephemeral placeholder now points at the thread.
    await fake.waitFor(
      () =>
        fake
          .callsTo('PATCH', /%40original|@original/)
          .find((call) => call.body.content?.includes(`<#${thread.id}>`)),
      'the placeholder pointing at the thread',
    );
  });

  it('opens the modal as the first response to Answer, then grades the submitted answer', async () => {
    const { fake } = h;
    const thread = [...fake.channels.values()].find((channel) => channel.type === 12);
    const question = fake.messagesIn(thread.id).find(hasButton('starcoach:answer'));
    const click = fake.click(question.id, 'starcoach:answer');
    await fake.waitFor(() => callbacksOf(fake, click.id)[0], 'the modal');
    const [modal, ...others] = callbacksOf(fake, click.id);
    expect(others).toEqual([]);
    expect(modal.type).toBe(9);
    // The modal remembers the question, so an answer to an earlier one is refused, not misfiled.
    expect(modal.data.custom_id).toBe('starcoach:answer-modal:chest-pain');
    expect(modal.data.components[0]).toEqual({
      type: 10,
      content: 'A physician documents chest pain without further specification. How do you code it?',
    });
    const input = modal.data.components.find((component: Json) => component.type === 18).component;
    expect(input).toMatchObject({ type: 4, custom_id: 'answer', style: 2, max_length: 4000 });

    const answer = 'I code R07.9 and query the physician. @everyone <@123> should not be pinged.';
    const submit = fake.submitModal(modal.data.custom_id, { answer }, question.id);
    await fake.waitFor(() => callbacksOf(fake, submit.id)[0], 'the modal ack');
    expect(callbacksOf(fake, submit.id)).toEqual([{ type: 6 }]);

    const followUp = await waitForMessage(
      fake,
      thread.id,
      (m) => embedTitle(m) === 'Follow-up',
      'the follow-up',
    );
    expect(followUp.embeds[0].description).toBe('What do you do when the ED note shows an EKG?');
    expect(buttonIds(followUp)[0]).toBe('starcoach:answer');
    const messages = fake.messagesIn(thread.id);
    const echo = messages.find((m) => m.content.includes('I code R07.9'));
    expect(echo.content).toContain(`<@${fake.owner.id}>`);
    expect(echo.allowed_mentions).toEqual({ parse: [] });
    const feedback = messages.find((m) => embedTitle(m) === 'Score 3/5');
    expect(feedback.embeds[0]).toMatchObject({ description: 'You coded it; now say why.', color: 0xfee75c });
    expect(feedback.embeds[0].fields.map((field: Json) => field.name)).toEqual(['Missing']);
    expect(buttonIds(feedback)).toEqual(['starcoach:sample']);
    // Echo, then the placeholder (edited into the feedback), then the follow-up.
    const order = [echo.id, feedback.id, followUp.id].map((id) => messages.findIndex((m) => m.id === id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const edits = fake.callsTo('PATCH', new RegExp(`^/channels/${thread.id}/messages/${feedback.id}$`));
    expect(edits.at(-1)!.body.embeds[0].title).toBe('Score 3/5');
    expect(edits.length).toBeGreaterThanOrEqual(2);
  });

  it('answers the follow-up, moves on, and ends with a summary and an archived thread', async () => {
    const { fake } = h;
    const thread = [...fake.channels.values()].find((channel) => channel.type === 12);
    const followUp = fake.messagesIn(thread.id).find((m) => embedTitle(m) === 'Follow-up');
    await answerThroughModal(fake, followUp.id, 'I would query the physician first.');
    const second = await waitForMessage(
      fake,
      thread.id,
      (m) => hasButton('starcoach:answer')(m) && m.embeds[0]?.footer?.text === '2/2 · Mini Coder',
      'the second question',
    );
    await answerThroughModal(fake, second.id, 'My own modifier error; I fixed it.');
    const summary = await waitForMessage(
      fake,
      thread.id,
      (m) => embedTitle(m).startsWith('Summary'),
      'summary',
    );
    expect(summary.embeds[0].title).toBe('Summary · Mini Coder');
    const archive = await fake.waitFor(
      () => fake.callsTo('PATCH', new RegExp(`^/channels/${thread.id}$`))[0],
      'the thread archived',
    );
    expect(archive.body).toMatchObject({ archived: true });
    expect(model.answers).toHaveLength(3);
    expect(h.logger.errors).toEqual([]);
  });

  it('sends every message with mentions off (replies can quote the user’s text)', () => {
    const bodies = h.fake.calls
      .filter(
        (call) => call.method !== 'GET' && (/\/messages/.test(call.path) || /^\/webhooks/.test(call.path)),
      )
      .map((call) => call.body)
      .filter(Boolean);
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
  });
});
