import {
  type ActionId,
  type Actor,
  type ActorRole,
  type AudioClip,
  type InboundEvent,
  type MemberSettingsChange,
  type Place,
  type QuestionKind,
  type QuestionLevel,
  questionKinds,
  questionLevels,
  type SessionStartOptions,
} from '../../src/index.ts';
import { type CohortCommand, parseAssignCommand, parseCohortCommand } from './parse-cohort.ts';
import { type ConfigCommand, parseConfigCommand } from './parse-config.ts';
import { type PairCommand, parsePairCommand } from './parse-pair.ts';
import { isRecording, type SlackFile } from './recordings.ts';

export { type ConfigParse, parseConfigChange } from './parse-config.ts';

import { parseRosterCommand, type RosterCommand } from './roster-parse.ts';

/** What Bolt's context says about the workspace an event came from. */
export interface TenantSource {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** An org-wide Enterprise Grid install spans many workspaces: its settings and users belong to the org. */
export function tenantOf(source: TenantSource): string {
  if (source.isEnterpriseInstall && source.enterpriseId) return source.enterpriseId;
  return source.teamId ?? source.enterpriseId ?? 'unknown';
}

export function slackActor(source: TenantSource, user: string, roles?: readonly ActorRole[]): Actor {
  return { platform: 'slack', tenant: tenantOf(source), user, ...(roles ? { roles } : {}) };
}

export type CoachCommand =
  | { kind: 'start'; options: SessionStartOptions }
  | { kind: 'progress' }
  | { kind: 'forget' }
  | { kind: 'help'; unknown: string | null }
  | ConfigCommand
  | CohortCommand
  | { kind: 'settings'; change: MemberSettingsChange | null }
  | { kind: 'settings-usage' }
  | { kind: 'leaderboard' }
  | { kind: 'dashboard' }
  | PairCommand
  | RosterCommand;

/** `/coach <subcommand> …` as the adapter acts on it. Pure. */
export function parseCoachCommand(text: string, knownPacks: readonly string[]): CoachCommand {
  // `days mon, wed, fri` is one value: spaces around commas are dropped before splitting.
  const words = text
    .trim()
    .replace(/\s*,\s*/g, ',')
    .split(/\s+/)
    .filter(Boolean);
  const [first = '', ...rest] = words;
  switch (first.toLowerCase()) {
    case '':
    case 'help':
      return { kind: 'help', unknown: null };
    case 'start':
      return { kind: 'start', options: parseStartOptions(rest, knownPacks) };
    case 'progress':
      return { kind: 'progress' };
    case 'forget':
      return { kind: 'forget' };
    case 'config':
      return parseConfigCommand(rest);
    case 'settings':
      return parseSettingsCommand(rest);
    case 'leaderboard':
      return { kind: 'leaderboard' };
    case 'dashboard':
      return { kind: 'dashboard' };
    case 'pair':
      return parsePairCommand(rest, knownPacks);
    case 'cohorts':
      return rest.length === 0 ? { kind: 'cohorts' } : { kind: 'cohort-usage' };
    case 'cohort':
      return parseCohortCommand(rest);
    case 'assign':
      return parseAssignCommand(rest);
    case 'roster':
    case 'export':
      return parseRosterCommand(first.toLowerCase() as 'roster' | 'export', rest);
    default:
      return { kind: 'help', unknown: first };
  }
}

/**
 * `[pack] [kind] [level] [count]` in any order: each word is recognised by what it is. An unknown word
 * is taken as the pack, so the core names the packs that do exist.
 */
export function parseStartOptions(
  words: readonly string[],
  knownPacks: readonly string[],
): SessionStartOptions {
  const options: SessionStartOptions = {};
  for (const raw of words) {
    const word = raw.toLowerCase();
    if ((questionKinds as readonly string[]).includes(word)) options.kind = word as QuestionKind;
    else if ((questionLevels as readonly string[]).includes(word)) options.level = word as QuestionLevel;
    else if (/^\d{1,2}$/.test(word) && Number(word) > 0) options.count = Number(word);
    else if (knownPacks.includes(word) || options.packId === undefined) options.packId = word;
  }
  return options;
}

export { parseWeekdays, weekdayNames } from '../../src/index.ts';

/**
 * `off`: no reminders of any kind; `none`: no daily one (an instructor's assignment reminders still
 * come); a time (`9:30` is `09:30`), which the core checks.
 */
function remindValue(value: string): string | null {
  if (/^off$/i.test(value)) return 'off';
  if (/^(none|no|default)$/i.test(value)) return null;
  return /^\d:\d\d$/.test(value) ? `0${value}` : value;
}

/**
 * `settings` with any of `timezone Area/City|none`, `leaderboard on|off`, `remind HH:MM|none|off` and
 * `streak on|off`.
 */
function parseSettingsCommand(words: readonly string[]): CoachCommand {
  if (words.length === 0) return { kind: 'settings', change: null };
  if (words.length % 2 !== 0) return { kind: 'settings-usage' };
  const change: MemberSettingsChange = {};
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i]!.toLowerCase();
    const value = words[i + 1]!;
    if (key === 'timezone' || key === 'tz') {
      change.timezone = /^(none|default|workspace)$/i.test(value) ? null : value;
    } else if (key === 'leaderboard' && /^(on|yes|true|join)$/i.test(value)) change.leaderboard = true;
    else if (key === 'leaderboard' && /^(off|no|false|leave)$/i.test(value)) change.leaderboard = false;
    else if (key === 'remind' || key === 'reminder') change.remind = remindValue(value);
    else if (key === 'streak' && /^(on|yes|true)$/i.test(value)) change.streakAlert = true;
    else if (key === 'streak' && /^(off|no|false)$/i.test(value)) change.streakAlert = false;
    else return { kind: 'settings-usage' };
  }
  return { kind: 'settings', change };
}

/** The fields of a message event the adapter reads. */
export interface SlackMessage {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  /** 'channel', 'group', 'im' or 'mpim' (a group DM, where peer sessions happen). */
  channel_type?: string;
  /** Posted files: a clip recorded in Slack, an uploaded recording, a screenshot. */
  files?: SlackFile[];
}

/** Subtypes a person's own reply can carry; edits, joins, bots and the rest are not answers. */
const answerSubtypes = new Set([undefined, 'thread_broadcast', 'file_share']);

/**
 * A person's own message inside a thread (not its root): the only messages that can be answers. Only
 * thread replies are forwarded: the core knows which threads are sessions and who owns them.
 */
export function isThreadReply(message: SlackMessage): boolean {
  if (message.bot_id || !answerSubtypes.has(message.subtype) || !message.user) return false;
  return Boolean(message.thread_ts) && message.thread_ts !== message.ts;
}

/**
 * A person's reply inside a thread, as an answer; null for anything else. A recording among its files
 * is the answer (spoken), and the text typed with it is not graded; `clipOf` makes it one the core can
 * download. Without `clipOf`, or with no recording (a screenshot), the text is the answer.
 */
export function messageToEvent(
  message: SlackMessage,
  eventId: string,
  source: TenantSource,
  clipOf?: (file: SlackFile) => AudioClip,
): InboundEvent | null {
  if (!isThreadReply(message) || !message.user || !message.thread_ts) return null;
  const base = {
    actor: slackActor(source, message.user),
    place: { channel: message.channel, thread: message.thread_ts },
    // Members talk in threads too: the core stays silent when the thread is none of their sessions.
    overheard: true,
  };
  const recording = clipOf ? message.files?.find(isRecording) : undefined;
  if (clipOf && recording) {
    return {
      ...base,
      // The message and its file, not the event: one recording is one answer however often it arrives.
      deliveryId: `file:${message.channel}:${message.ts}:${recording.id ?? ''}`,
      type: 'answer-audio',
      audio: clipOf(recording),
    };
  }
  return {
    ...base,
    deliveryId: `event:${eventId}`,
    type: 'answer-submit',
    text: unescapeSlack(message.text ?? ''),
  };
}

/** Slack sends `&`, `<` and `>` typed by a person as entities; the grader should read what they typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export const actionPrefix = 'starcoach:';

const coreActions: Record<ActionId, (base: EventBase) => InboundEvent> = {
  hint: (base) => ({ ...base, type: 'hint-request' }),
  skip: (base) => ({ ...base, type: 'question-skip' }),
  next: (base) => ({ ...base, type: 'question-next' }),
  end: (base) => ({ ...base, type: 'session-end' }),
  sample: (base) => ({ ...base, type: 'sample-show' }),
  resume: (base) => ({ ...base, type: 'session-start', options: { mode: 'resume' } }),
  restart: (base) => ({ ...base, type: 'session-start', options: { mode: 'new' } }),
};

type EventBase = Pick<InboundEvent, 'deliveryId' | 'actor' | 'place' | 'questionId' | 'privately'>;

/** The fields of a block_actions payload the adapter reads. */
export interface SlackButtonPress {
  actionId: string;
  value?: string;
  actionTs: string;
  triggerId: string;
  user: string;
  channel?: string;
  message?: { ts: string; thread_ts?: string };
  container?: { message_ts?: string; channel_id?: string; thread_ts?: string };
}

/** The core action a button stands for, or null for the adapter's own buttons (forget) and strangers. */
export function coreActionOf(actionId: string): ActionId | null {
  if (!actionId.startsWith(actionPrefix)) return null;
  const id = actionId.slice(actionPrefix.length);
  return Object.hasOwn(coreActions, id) ? (id as ActionId) : null;
}

/** What a button's value carries (Slack returns it on a press; ephemeral messages carry nothing else). */
export interface ButtonValue {
  /** The session's thread. */
  thread?: string;
  /** The question the button was shown with: the core refuses a press on an earlier question's button. */
  questionId?: string;
  /** The button belongs to an answer sent privately: what it brings stays private too. */
  privately?: boolean;
}

/** Compact JSON within Slack's 2,000 characters; undefined when there is nothing to carry. */
export function encodeButtonValue(value: ButtonValue): string | undefined {
  const packed = {
    ...(value.thread ? { t: value.thread } : {}),
    ...(value.questionId ? { q: value.questionId } : {}),
    ...(value.privately ? { p: 1 } : {}),
  };
  return Object.keys(packed).length ? JSON.stringify(packed) : undefined;
}

export function decodeButtonValue(value: string | undefined): ButtonValue {
  if (!value) return {};
  // Buttons posted before the value was JSON carry the thread alone.
  if (!value.startsWith('{')) return { thread: value };
  try {
    const packed = JSON.parse(value) as { t?: unknown; q?: unknown; p?: unknown };
    return {
      ...(typeof packed.t === 'string' ? { thread: packed.t } : {}),
      ...(typeof packed.q === 'string' ? { questionId: packed.q } : {}),
      ...(packed.p === 1 ? { privately: true } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * A button press as a core event, in the thread the button belongs to, naming the question it was shown
 * with. Ephemeral messages carry no `message`, so the renderer also puts the thread in the button's value.
 */
export function buttonToEvent(press: SlackButtonPress, source: TenantSource): InboundEvent | null {
  const id = coreActionOf(press.actionId);
  const channel = press.channel ?? press.container?.channel_id;
  if (!id || !channel) return null;
  const value = decodeButtonValue(press.value);
  const thread = press.message?.thread_ts ?? value.thread ?? press.message?.ts ?? press.container?.thread_ts;
  const place: Place = thread ? { channel, thread } : { channel };
  // A second press of the same button on the same message changes nothing (a double click must not skip
  // two questions); each press of Hint asks for the next hint.
  const messageTs = press.message?.ts ?? press.container?.message_ts;
  const deliveryId =
    id === 'hint' || !messageTs
      ? `action:${press.triggerId || `${press.actionTs}:${press.user}`}`
      : `action:${channel}:${messageTs}:${id}:${press.user}`;
  const base: EventBase = {
    deliveryId,
    actor: slackActor(source, press.user),
    place,
    ...(value.questionId ? { questionId: value.questionId } : {}),
    ...(value.privately ? { privately: true } : {}),
  };
  return coreActions[id](base);
}

/** The private-answer modal: the button that opens it, and the ids its submission comes back with. */
export const answerPrivatelyId = 'starcoach:answer-private';
export const answerModalId = 'starcoach:answer-modal';
export const answerBlockId = 'answer';
export const answerInputId = 'text';

/** Where a private answer belongs, kept in the modal's private_metadata (Slack's limit: 3,000 characters). */
export function encodePlace(place: Place): string {
  return JSON.stringify({ c: place.channel, ...(place.thread ? { t: place.thread } : {}) });
}

export function decodePlace(metadata: string | undefined): Place | null {
  try {
    const packed = JSON.parse(metadata ?? '') as { c?: unknown; t?: unknown };
    if (typeof packed.c !== 'string') return null;
    return typeof packed.t === 'string' ? { channel: packed.c, thread: packed.t } : { channel: packed.c };
  } catch {
    return null;
  }
}

/** The fields of a view_submission's view the adapter reads. */
export interface SlackSubmittedView {
  id: string;
  callback_id: string;
  private_metadata?: string;
  state: { values: Record<string, Record<string, { value?: string | null }>> };
}

/**
 * A submitted private-answer modal as the answer it is, in the thread the modal was opened from. The
 * input's value is the text as typed (Slack escapes nothing in it). One answer per modal: a second
 * delivery of the same view is the same event.
 */
export function viewToEvent(
  view: SlackSubmittedView,
  user: string,
  source: TenantSource,
): InboundEvent | null {
  if (view.callback_id !== answerModalId) return null;
  const place = decodePlace(view.private_metadata);
  if (!place) return null;
  return {
    deliveryId: `view:${view.id}`,
    actor: slackActor(source, user),
    place,
    privately: true,
    type: 'answer-submit',
    text: view.state.values[answerBlockId]?.[answerInputId]?.value ?? '',
  };
}
