import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import {
  type DiscordHarness,
  embedTitle,
  hasButton,
  openDiscordHarness,
  StreamingModel,
  waitForMessage,
} from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

const messageContentBit = 1 << 15;
const guildMessagesBit = 1 << 9;

async function startSession(h: DiscordHarness, count = 2): Promise<Json> {
  const { fake } = h;
  const before = new Set(fake.channels.keys());
  fake.command('practice', { pack: 'mini', count });
  const thread = await fake.waitFor(
    () => [...fake.channels.values()].find((channel) => channel.type === 12 && !before.has(channel.id)),
    'a new thread',
  );
  await waitForMessage(fake, thread.id, hasButton('starcoach:answer'), 'the first question');
  return thread;
}

describe('Discord with DISCORD_MESSAGE_CONTENT=1: answers written in the thread', () => {
  let h: DiscordHarness;
  const model = new StreamingModel(() => gradeOf(4, null, { feedback: 'Documented and specific.' }));

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model, messageContent: true });
  });
  afterAll(async () => h.close());

  it('asks for Guilds, Guild Messages and Message Content in IDENTIFY', () => {
    expect(h.fake.intents & messageContentBit).toBe(messageContentBit);
    expect(h.fake.intents & guildMessagesBit).toBe(guildMessagesBit);
  });

  it('grades the owner’s message in the thread and moves to the next question', async () => {
    const { fake } = h;
    const thread = await startSession(h);
    fake.userMessage(thread.id, 'I code R07.9 and send a non-leading query to the physician.');
    const next = await waitForMessage(
      fake,
      thread.id,
      (m) => hasButton('starcoach:answer')(m) && m.embeds[0]?.footer?.text === '2/2 · Mini Coder',
      'the second question',
    );
    const feedback = fake.messagesIn(thread.id).find((m) => embedTitle(m) === 'Score 4/5');
    expect(feedback).toBeDefined();
    expect(Number(BigInt(feedback.id) < BigInt(next.id))).toBe(1);
    // The user's own message is visible in the thread: nothing is echoed.
    expect(fake.messagesIn(thread.id).some((m) => m.content.includes('R07.9'))).toBe(false);
    expect(model.answers).toEqual(['I code R07.9 and send a non-leading query to the physician.']);
  });

  it('ignores someone else writing in the thread, and bots, without a word', async () => {
    const { fake } = h;
    const thread = [...fake.channels.values()].find((channel) => channel.type === 12);
    const before = fake.calls.length;
    fake.userMessage(thread.id, 'I think the answer is R07.9, ada!', fake.other);
    fake.userMessage(thread.id, 'Beep: R07.9.', { ...fake.user('otherbot'), bot: true });
    await fake.quiet(300);
    expect(fake.calls.slice(before)).toEqual([]);
    expect(model.answers).toHaveLength(1);
  });

  it('ignores messages outside the threads it opened', async () => {
    const { fake } = h;
    const before = fake.calls.length;
    fake.userMessage(fake.channelId, 'Just chatting in the channel about R07.9.');
    await fake.quiet(300);
    expect(fake.calls.slice(before)).toEqual([]);
  });

  it('finishes the session from a message and archives the thread', async () => {
    const { fake } = h;
    const thread = [...fake.channels.values()].find((channel) => channel.type === 12);
    fake.userMessage(thread.id, 'At my last job I caught my own modifier error and fixed it.');
    await waitForMessage(fake, thread.id, (m) => embedTitle(m).startsWith('Summary'), 'the summary');
    await fake.waitFor(() => fake.callsTo('PATCH', new RegExp(`^/channels/${thread.id}$`))[0], 'archived');
    expect(h.logger.errors).toEqual([]);
  });
});

describe('Discord without the Message Content intent', () => {
  let h: DiscordHarness;
  const model = new StreamingModel(() => gradeOf(4));

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model, messageContent: false });
  });
  afterAll(async () => h.close());

  it('asks for neither Guild Messages nor Message Content, so thread messages never arrive', async () => {
    const { fake } = h;
    expect(fake.intents & (messageContentBit | guildMessagesBit)).toBe(0);
    const thread = await startSession(h, 1);
    // The start's own last call (the placeholder pointing to the thread) lands after the question.
    await fake.quiet(200);
    const before = fake.calls.length;
    fake.userMessage(thread.id, 'I code R07.9 and query the physician.');
    await fake.quiet(300);
    expect(fake.calls.slice(before)).toEqual([]);
    expect(model.answers).toEqual([]);
  });
});
