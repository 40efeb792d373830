import type {
  ActionId,
  Actor,
  ActorRole,
  AudioClip,
  InboundEvent,
  Place,
  QuestionKind,
  QuestionLevel,
  SessionStartOptions,
  TenantConfigChange,
} from '../../src/index.ts';
import { parseWeekdays, questionKinds, questionLevels } from '../../src/index.ts';
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
  /** The member's role ids in the server (empty in DMs). */
  memberRoles: readonly string[];
}

/** The actor; `instructorRole` is the server's configured instructor role, when the caller looked it up. */
export function actorOf(source: Source, instructorRole: string | null = null): Actor {
  const roles: ActorRole[] = [];
  if (source.canManageGuild) roles.push('admin');
  if (source.guildId && instructorRole && source.memberRoles.includes(instructorRole))
    roles.push('instructor');
  return { platform: 'discord', tenant: source.guildId ?? 'dm', user: source.userId, roles };
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
  const bound = parsed.thread
    ? { channel: source.parentId ?? source.channelId, thread: parsed.thread }
    : null;
  const place = body.type === 'session-start' ? startPlace(source) : (bound ?? placeOf(source));
  // A button bound to a drill's thread sits on a reply kept private: what it brings stays private too.
  const privately = bound && body.type !== 'session-start' ? { privately: true } : {};
  const event = {
    deliveryId: source.id,
    actor: actorOf(source),
    place,
    ...question,
    ...privately,
    ...body,
  } as InboundEvent;
  return { kind: 'event', event };
}

/**
 * A modal's custom id says which question its Answer button was under (null: not our modal), and for a
 * posted drill's, that the answer belongs in the drill's thread: `drill` when the button was on the
 * drill post itself (the thread has its id), `thread` when on a private reply about it.
 */
export function modalQuestion(
  customId: string,
): { questionId?: string; drill?: boolean; thread?: string } | null {
  const parsed = parseCustomId(customId);
  if (parsed?.name !== 'answer-modal' && parsed?.name !== 'drill-modal') return null;
  return {
    ...(parsed.questionId ? { questionId: parsed.questionId } : {}),
    ...(parsed.name === 'drill-modal' ? { drill: true } : {}),
    ...(parsed.thread ? { thread: parsed.thread } : {}),
  };
}

/**
 * An answer from the modal. `privately` names the posted drill's thread it belongs in (the modal was
 * opened from the drill post, or from a private reply about it, both outside the thread) and keeps it
 * private.
 */
export function answerEvent(
  source: Source,
  text: string,
  questionId?: string,
  privately?: { thread: string },
): InboundEvent {
  return {
    deliveryId: source.id,
    actor: actorOf(source),
    place: privately
      ? { channel: source.parentId ?? source.channelId, thread: privately.thread }
      : placeOf(source),
    ...(questionId ? { questionId } : {}),
    ...(privately ? { privately: true } : {}),
    type: 'answer-submit',
    text,
  };
}

/**
 * A spoken answer: from `/answer` (in the session's thread, or in a DM) or a recording posted in the
 * thread. It belongs where it was sent, like a typed answer there.
 */
export function audioAnswerEvent(source: Source, audio: AudioClip): InboundEvent {
  return {
    deliveryId: source.id,
    actor: actorOf(source),
    place: placeOf(source),
    type: 'answer-audio',
    audio,
  };
}

/** What a message needs to count as an answer: a person, in a thread the bot opened. */
export interface MessageFacts {
  authorIsBot: boolean;
  /** A webhook or system message: never a person answering. */
  automated: boolean;
  content: string;
  /** A voice message, or an audio or video file, attached to it (see recordings.ts). */
  recording?: AudioClip | null;
  threadOwnerId: string | null;
  botUserId: string;
}

/**
 * A plain message in a session thread becomes an answer: a recording it carries is the answer (any text
 * with it is a caption), else its text; anything else is ignored (null).
 */
export function messageEvent(source: Source, facts: MessageFacts): InboundEvent | null {
  if (facts.authorIsBot || facts.automated) return null;
  if (!source.parentId || facts.threadOwnerId !== facts.botUserId) return null;
  if (facts.recording) return audioAnswerEvent(source, facts.recording);
  if (facts.content.trim() === '') return null;
  return answerEvent(source, facts.content);
}

export interface ConfigOptionValues {
  drillChannel: string | null;
  drillTime: string | null;
  timezone: string | null;
  pack: string | null;
  days?: string | null;
  /** junior, mid, senior, or any (mixes levels). */
  level?: string | null;
  action?: string | null;
  skipDate?: string | null;
  instructorRole?: string | null;
}

export type ConfigParse = { ok: true; change: TenantConfigChange | null } | { ok: false; error: 'weekdays' };

/**
 * `/coach-config` options as a settings change; null when no option was given (show the settings).
 * `today` is the skip date when `action:skip` names none (the core resolves `today` itself).
 */
export function configChange(values: ConfigOptionValues, today = ''): ConfigParse {
  const change: TenantConfigChange = {
    ...(values.drillChannel ? { drillChannel: values.drillChannel } : {}),
    ...(values.drillTime ? { drillTime: values.drillTime.trim() } : {}),
    ...(values.timezone ? { timezone: values.timezone.trim() } : {}),
    ...(values.pack ? { packId: values.pack.trim() } : {}),
    ...(values.instructorRole ? { instructorRole: values.instructorRole } : {}),
  };
  if (values.days) {
    const weekdays = parseWeekdays(values.days.trim());
    if (!weekdays) return { ok: false, error: 'weekdays' };
    change.weekdays = weekdays;
  }
  if (values.level) {
    const level = questionLevels.find((known) => known === values.level) as QuestionLevel | undefined;
    change.level = level ?? null;
  }
  if (values.action === 'pause') change.paused = true;
  if (values.action === 'resume') change.paused = false;
  if (values.action === 'skip' || values.skipDate) change.skipDate = values.skipDate?.trim() || today;
  return { ok: true, change: Object.keys(change).length ? change : null };
}

export { describeWeekdays, parseWeekdays, weekdayNames } from '../../src/index.ts';

/** Pack suggestions for autocomplete: ids or titles containing what was typed, at most Discord's 25. */
export function packChoices(packs: { id: string; title: string }[], typed: string) {
  const query = typed.trim().toLowerCase();
  return packs
    .filter((pack) => !query || pack.id.includes(query) || pack.title.toLowerCase().includes(query))
    .slice(0, 25)
    .map((pack) => ({ name: `${pack.title} (${pack.id})`.slice(0, 100), value: pack.id }));
}
