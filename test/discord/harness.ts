import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/index.ts';
import { createCoach } from '../../src/core/coach.ts';
import type { DashboardLinkSigner } from '../../src/core/dashboard-types.ts';
import type {
  FeedbackModel,
  GradeListener,
  GradeOutcome,
  GradeRequest,
} from '../../src/core/feedback-model.ts';
import type { GradeResult } from '../../src/core/grade-types.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { Transcriber } from '../../src/core/transcriber.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { FakeDiscord, type InteractionOptions } from '../fakes/discord-server.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { miniPack } from '../support/core-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

/** A feedback model that takes its time and streams its feedback text in pieces, as an LLM does. */
export class StreamingModel implements FeedbackModel {
  readonly answers: string[] = [];

  constructor(
    private readonly result: (request: GradeRequest) => GradeResult,
    private readonly options: { delayMs: number; pieces: number } = { delayMs: 30, pieces: 3 },
  ) {}

  async grade(request: GradeRequest, listener?: GradeListener): Promise<GradeOutcome> {
    this.answers.push(request.answer);
    const result = this.result(request);
    const { delayMs, pieces } = this.options;
    for (let piece = 1; piece <= pieces; piece++) {
      await new Promise((resolve) => setTimeout(resolve, delayMs / pieces));
      listener?.onFeedbackText?.(
        result.feedback.slice(0, Math.ceil((result.feedback.length * piece) / pieces)),
      );
    }
    return { result, source: 'llm', usage: { promptTokens: 100, completionTokens: 50 }, fallback: null };
  }
}

export class RecordingLogger implements Logger {
  readonly entries: { level: 'warn' | 'error'; event: string; fields?: Record<string, unknown> }[] = [];
  warn(event: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'warn', event, fields });
  }
  error(event: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'error', event, fields });
  }
  get errors() {
    return this.entries.filter((entry) => entry.level === 'error');
  }
}

export interface DiscordHarness {
  fake: FakeDiscord;
  /** The server's text channels by name: `practice` (the fake's own) and those asked for. */
  channels: Record<string, string>;
  adapter: DiscordAdapter;
  store: CoachStore;
  logger: RecordingLogger;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function openDiscordHarness(options: {
  feedback: FeedbackModel;
  messageContent?: boolean;
  editIntervalMs?: number;
  /** More text channels in the server (by name), there before the bot connects. */
  channels?: string[];
  /** Signs `/dashboard` links; without it the dashboard is off. */
  dashboardLinks?: DashboardLinkSigner;
  /** Speech to text for spoken answers; without it voice answers are off. */
  transcriber?: Transcriber;
  maxAudioSeconds?: number;
}): Promise<DiscordHarness> {
  const fake = await FakeDiscord.start();
  const channels: Record<string, string> = { practice: fake.channelId };
  for (const name of options.channels ?? []) channels[name] = addTextChannel(fake, name);
  const clock = new ManualClock();
  const store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock, prefix: 'discord' });
  const logger = new RecordingLogger();
  let id = 0;
  const coach = createCoach({
    store,
    packs: new Map([[miniPack.id, miniPack]]),
    feedback: options.feedback,
    clock,
    logger,
    random: () => 0,
    newId: () => `session-${++id}`,
    dashboardLinks: options.dashboardLinks,
    transcriber: options.transcriber ?? null,
    ...(options.maxAudioSeconds ? { maxAudioSeconds: options.maxAudioSeconds } : {}),
  });
  const adapter = createDiscordAdapter({
    coach,
    logger,
    token: 'test-token',
    applicationId: fake.applicationId,
    messageContent: options.messageContent ?? false,
    apiUrl: fake.apiUrl,
    restRetries: 0,
    restTimeoutMs: 3000,
    editIntervalMs: options.editIntervalMs ?? 100,
  });
  await adapter.start();
  return {
    fake,
    channels,
    adapter,
    store,
    logger,
    clock,
    async close() {
      // The client first: a fake that goes away under a live client makes it reconnect.
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

/** A server text channel the fake knows (GUILD_CREATE lists it when the bot connects after this). */
export function addTextChannel(fake: FakeDiscord, name: string): string {
  const id = fake.nextId();
  const channel = { id, type: 0, name, guild_id: fake.guildId, position: 0, permission_overwrites: [] };
  fake.channels.set(id, { ...channel, parent_id: null });
  return id;
}

type OptionValue = string | number | { type: number; value: string };

/** A user option as Discord sends it (type 6, the user's id). */
export function user(id: string): { type: number; value: string } {
  return { type: 6, value: id };
}

/** A channel option as Discord sends it (type 7, the channel's id). */
export function channel(id: string): { type: number; value: string } {
  return { type: 7, value: id };
}

/** A subcommand with its options, for `fake.command(name, { add: subcommand({...}) })`. */
export function subcommand(options: Record<string, OptionValue>): { type: number; value: string } {
  const list = Object.entries(options).map(([name, value]) =>
    typeof value === 'object' ? { name, ...value } : { name, type: typeof value === 'number' ? 4 : 3, value },
  );
  // The fake sends an option object as it is: a subcommand is `{name, type: 1, options}`.
  return { type: 1, options: list } as unknown as { type: number; value: string };
}

/** The callbacks Discord received for one interaction, in order. */
export function callbacksOf(fake: FakeDiscord, interactionId: string): Json[] {
  return fake
    .callsTo('POST', new RegExp(`^/interactions/${interactionId}/[^/]+/callback$`))
    .map((call) => call.body);
}

/** A message's button ids without the question they belong to (`starcoach:hint:q1` → `starcoach:hint`). */
export function buttonIds(message: Json): string[] {
  return (message.components ?? []).flatMap((row: Json) =>
    row.components.map((button: Json) => button.custom_id.replace(/^(starcoach:[^:]+):.+$/, '$1')),
  );
}

/** Answers as a person does: Answer under the message, then the modal Discord showed, submitted. */
export async function answerThroughModal(
  fake: FakeDiscord,
  messageId: string,
  answer: string,
  as: InteractionOptions = {},
) {
  const click = fake.click(messageId, 'starcoach:answer', as);
  const modal = await fake.waitFor(
    () => callbacksOf(fake, click.id).find((callback) => callback.type === 9),
    'the answer modal',
  );
  return fake.submitModal(modal.data.custom_id, { answer }, messageId, as);
}

/** The newest message in a channel that matches, once it exists. */
export function waitForMessage(
  fake: FakeDiscord,
  channelId: string,
  match: (message: Json) => boolean,
  what: string,
): Promise<Json> {
  return fake.waitFor(() => fake.messagesIn(channelId).filter(match).at(-1), what);
}

export const embedTitle = (message: Json): string => message.embeds?.[0]?.title ?? '';
export const hasButton = (id: string) => (message: Json) => buttonIds(message).includes(id);
