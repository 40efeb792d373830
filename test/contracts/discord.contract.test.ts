import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import { type Coach, createCoach } from '../../src/core/coach.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { callbacksOf } from '../discord/harness.ts';
import { FakeDiscord, type FakeUser } from '../fakes/discord-server.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import {
  type ContractDriver,
  type ContractSetup,
  errorRecordingLogger,
  runAdapterContract,
  type Shown,
  type Who,
} from './adapter.contract.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

const ephemeralFlag = 64;
let stores = 0;

/** Everything a person reads in a message: its text, and its embeds' titles, text, fields and footers. */
function discordText(message: Json): string {
  const parts: string[] = [message.content ?? ''];
  for (const embed of message.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.filter(Boolean).join('\n');
}

const customIdsOf = (message: Json): string[] =>
  (message.components ?? []).flatMap((row: Json) => row.components.map((button: Json) => button.custom_id));

/**
 * The real discord.js client against the fake Discord. Events arrive over the gateway, so the coach the
 * adapter is given counts the events it was handed: a driver call resolves once the coach has finished.
 */
async function openDiscord({ pack, feedback }: ContractSetup): Promise<ContractDriver> {
  const fake = await FakeDiscord.start();
  const clock = new ManualClock();
  const store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock,
    prefix: `discord-contract-${++stores}`,
  });
  const logger = errorRecordingLogger();
  let sessions = 0;
  const coach = createCoach({
    store,
    packs: new Map([[pack.id, pack]]),
    feedback,
    clock,
    logger,
    random: () => 0,
    newId: () => `session-${++sessions}`,
  });
  const handled: Promise<void>[] = [];
  const counted: Coach = {
    ...coach,
    handle(event, out) {
      const work = coach.handle(event, out);
      handled.push(work);
      return work;
    },
  };
  const adapter = createDiscordAdapter({
    coach: counted,
    logger,
    token: 'contract-token',
    applicationId: fake.applicationId,
    messageContent: false,
    apiUrl: fake.apiUrl,
    restRetries: 0,
    restTimeoutMs: 3000,
    editIntervalMs: 50,
  });
  await adapter.start();

  const people: Record<Who, FakeUser> = { owner: fake.owner, other: fake.other };
  /** Who each interaction came from: its ephemeral replies are shown to them alone. */
  const tokens = new Map<string, Who>();
  let lastAnswer: { customId: string; messageId: string; id: string; text: string } | null = null;

  /** Dispatches an interaction, then waits until the coach has finished with the event it became. */
  async function handledAfter(send: () => { id: string; token: string }, who: Who) {
    const before = handled.length;
    const sent = send();
    tokens.set(sent.token, who);
    const deadline = Date.now() + 8000;
    while (handled.length === before) {
      if (Date.now() > deadline) throw new Error('the event never reached the coach');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(handled.slice(before));
    return sent;
  }

  const questions = () =>
    [...fake.messages.values()].filter((message: Json) =>
      customIdsOf(message).some((id) => id.startsWith('starcoach:skip')),
    );

  return {
    async start() {
      await handledAfter(() => fake.command('practice', { pack: pack.id }, { user: people.owner }), 'owner');
    },
    async answer(text) {
      const question = questions().at(-1);
      if (!question) throw new Error('no question to answer');
      const click = fake.click(question.id, 'starcoach:answer', { user: people.owner });
      const modal = await fake.waitFor(
        () => callbacksOf(fake, click.id).find((callback) => callback.type === 9),
        'the answer modal',
      );
      const customId: string = modal.data.custom_id;
      const sent = await handledAfter(
        () => fake.submitModal(customId, { answer: text }, question.id, { user: people.owner }),
        'owner',
      );
      lastAnswer = { customId, messageId: question.id, id: sent.id, text };
    },
    async answerAgain() {
      if (!lastAnswer) throw new Error('nothing answered yet');
      const { customId, messageId, id, text } = lastAnswer;
      await handledAfter(
        () => fake.submitModal(customId, { answer: text }, messageId, { user: people.owner, id }),
        'owner',
      );
    },
    async press(action, options = {}) {
      const all = questions();
      const question = options.question === 'first' ? all[0] : all.at(-1);
      if (!question) throw new Error('no question to press a button under');
      const who = options.as ?? 'owner';
      await handledAfter(() => fake.click(question.id, `starcoach:${action}`, { user: people[who] }), who);
    },
    refuse(kind, times) {
      const error = { status: 500, code: 0 };
      if (kind === 'post') fake.failWith('POST', /^\/channels\/[^/]+\/messages$/, error, times);
      else fake.failWith('PATCH', /\/messages\/[^/]+$/, error, times);
    },
    shown(who = 'owner') {
      return [...fake.messages.values()]
        .filter((message: Json) => message.author?.id === fake.bot.id)
        .filter((message: Json) => {
          if (!(message.flags & ephemeralFlag)) return true;
          return tokens.get(message.interaction_token) === who;
        })
        .map(
          (message: Json): Shown => ({
            key: message.id,
            text: discordText(message),
            private: Boolean(message.flags & ephemeralFlag),
          }),
        )
        .filter((shown) => shown.text !== '');
    },
    errors: () => [...logger.errors],
    async close() {
      // The client first: a fake that goes away under a live client makes it reconnect.
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

runAdapterContract({ name: 'Discord', open: openDiscord });
