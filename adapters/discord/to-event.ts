import type {
  ActionId,
  Actor,
  InboundEvent,
  Place,
  QuestionKind,
  QuestionLevel,
  SessionStartOptions,
  TenantConfigChange,
} from '../../src/index.ts';
import { questionKinds, questionLevels } from '../../src/index.ts';
import { customIds, parseCustomId } from './custom-ids.ts';

/** What an interaction or message says about who and where, read off discord.js objects (see index.ts). */
export interface Source {
  /** The interaction or message id: the core acts on each once, on every instance. */
  id: string;
  guildId: string | null;
  userId: string;
  /** Manage Server, as Discord computed it for this member. */
  canManageGuild: boolean;
  channelId: string;
  /** The parent channel when the event happened in a thread. */
  parentId: string | null;
}

export function actorOf(source: Source): Actor {
  return {
    platform: 'discord',
    tenant: source.guildId ?? 'dm',
    user: source.userId,
    roles: source.canManageGuild ? ['admin'] : [],
  };
}

/** Sessions are keyed by the parent channel; the thread, when there is one, finds the session's owner. */
export function placeOf(source: Source): Place {
  return source.parentId
    ? { channel: source.parentId, thread: source.channelId }
    : { channel: source.channelId };
}

/** A new session starts from the channel, never from inside someone's thread. */
function startPlace(source: Source): Place {
  return { channel: source.parentId ?? source.channelId };
}

export interface PracticeOptionValues {
  pack: string | null;
  kind: string | null;
  level: string | null;
  count: number | null;
}

export function practiceOptions(values: PracticeOptionValues): SessionStartOptions {
  const kind = questionKinds.find((known) => known === values.kind) as QuestionKind | undefined;
  const level = questionLevels.find((known) => known === values.level) as QuestionLevel | undefined;
  return {
    ...(values.pack ? { packId: values.pack.trim() } : {}),
    ...(kind ? { kind } : {}),
    ...(level ? { level } : {}),
    ...(values.count ? { count: values.count } : {}),
  };
}

export function practiceEvent(source: Source, values: PracticeOptionValues): InboundEvent {
  const options = practiceOptions(values);
  return {
    deliveryId: source.id,
    actor: actorOf(source),
    place: startPlace(source),
    type: 'session-start',
    options,
  };
}

export function drillEvent(source: Source): InboundEvent {
  return { deliveryId: source.id, actor: actorOf(source), place: startPlace(source), type: 'drill-start' };
}

export type ButtonMeaning =
  | { kind: 'event'; event: InboundEvent }
  | { kind: 'answer'; questionId?: string }
  | { kind: 'forget-confirm' }
  | { kind: 'forget-cancel' }
  | { kind: 'unknown' };

const buttonEvents = {
  hint: { type: 'hint-request' },
  skip: { type: 'question-skip' },
  next: { type: 'question-next' },
  end: { type: 'session-end' },
  sample: { type: 'sample-show' },
  resume: { type: 'session-start', options: { mode: 'resume' } },
  restart: { type: 'session-start', options: { mode: 'new' } },
} as const satisfies Record<ActionId, unknown>;

export function buttonMeaning(customId: string, source: Source): ButtonMeaning {
  if (customId === customIds.forgetConfirm) return { kind: 'forget-confirm' };
  if (customId === customIds.forgetCancel) return { kind: 'forget-cancel' };
  const parsed = parseCustomId(customId);
  if (!parsed) return { kind: 'unknown' };
  const question = parsed.questionId ? { questionId: parsed.questionId } : {};
  if (parsed.name === 'answer') return { kind: 'answer', ...question };
  if (!Object.hasOwn(buttonEvents, parsed.name)) return { kind: 'unknown' };
  const body = buttonEvents[parsed.name as ActionId];
  const place = body.type === 'session-start' ? startPlace(source) : placeOf(source);
  const event = {
    deliveryId: source.id,
    actor: actorOf(source),
    place,
    ...question,
    ...body,
  } as InboundEvent;
  return { kind: 'event', event };
}

/** A modal's custom id says which question its Answer button was under (null: not our modal). */
export function modalQuestion(customId: string): { questionId?: string } | null {
  const parsed = parseCustomId(customId);
  if (parsed?.name !== 'answer-modal') return null;
  return parsed.questionId ? { questionId: parsed.questionId } : {};
}

export function answerEvent(source: Source, text: string, questionId?: string): InboundEvent {
  return {
    deliveryId: source.id,
    actor: actorOf(source),
    place: placeOf(source),
    ...(questionId ? { questionId } : {}),
    type: 'answer-submit',
    text,
  };
}

/** What a message needs to count as an answer: a person, in a thread the bot opened. */
export interface MessageFacts {
  authorIsBot: boolean;
  /** A webhook or system message: never a person answering. */
  automated: boolean;
  content: string;
  threadOwnerId: string | null;
  botUserId: string;
}

/** A plain message in a session thread becomes an answer; anything else is ignored (null). */
export function messageEvent(source: Source, facts: MessageFacts): InboundEvent | null {
  if (facts.authorIsBot || facts.automated) return null;
  if (!source.parentId || facts.threadOwnerId !== facts.botUserId) return null;
  if (facts.content.trim() === '') return null;
  return answerEvent(source, facts.content);
}

export interface ConfigOptionValues {
  drillChannel: string | null;
  drillTime: string | null;
  timezone: string | null;
  pack: string | null;
}

/** `/coach-config` options as a settings change; null when no option was given (show the settings). */
export function configChange(values: ConfigOptionValues): TenantConfigChange | null {
  const change: TenantConfigChange = {
    ...(values.drillChannel ? { drillChannel: values.drillChannel } : {}),
    ...(values.drillTime ? { drillTime: values.drillTime.trim() } : {}),
    ...(values.timezone ? { timezone: values.timezone.trim() } : {}),
    ...(values.pack ? { packId: values.pack.trim() } : {}),
  };
  return Object.keys(change).length ? change : null;
}

/** Pack suggestions for autocomplete: ids or titles containing what was typed, at most Discord's 25. */
export function packChoices(packs: { id: string; title: string }[], typed: string) {
  const query = typed.trim().toLowerCase();
  return packs
    .filter((pack) => !query || pack.id.includes(query) || pack.title.toLowerCase().includes(query))
    .slice(0, 25)
    .map((pack) => ({ name: `${pack.title} (${pack.id})`.slice(0, 100), value: pack.id }));
}
