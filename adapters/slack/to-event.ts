import {
  type ActionId,
  type Actor,
  type ActorRole,
  type InboundEvent,
  type Place,
  type QuestionKind,
  type QuestionLevel,
  questionKinds,
  questionLevels,
  type SessionStartOptions,
  type TenantConfigChange,
} from '../../src/index.ts';

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
  | { kind: 'config'; change: TenantConfigChange | null }
  | { kind: 'config-usage' };

/** `/coach <subcommand> …` as the adapter acts on it. Pure. */
export function parseCoachCommand(text: string, knownPacks: readonly string[]): CoachCommand {
  const [first = '', ...rest] = text.trim().split(/\s+/).filter(Boolean);
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
    case 'config': {
      if (rest.length === 0) return { kind: 'config', change: null };
      const change = parseConfigChange(rest);
      return change ? { kind: 'config', change } : { kind: 'config-usage' };
    }
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

const configKeys: Record<string, 'drillChannel' | 'drillTime' | 'timezone' | 'packId'> = {
  channel: 'drillChannel',
  time: 'drillTime',
  timezone: 'timezone',
  tz: 'timezone',
  pack: 'packId',
};

/** `channel #c time 09:00 timezone America/New_York pack id`, any subset; null when it does not parse. */
export function parseConfigChange(words: readonly string[]): TenantConfigChange | null {
  if (words.length % 2 !== 0) return null;
  const change: TenantConfigChange = {};
  for (let i = 0; i < words.length; i += 2) {
    const key = configKeys[words[i]!.toLowerCase()];
    const value = words[i + 1]!;
    if (!key) return null;
    if (key === 'drillChannel') {
      const channel = channelId(value);
      if (channel === undefined) return null;
      change.drillChannel = channel;
    } else if (key === 'packId') change.packId = isNone(value) ? null : value.toLowerCase();
    else if (key === 'drillTime') change.drillTime = value;
    else change.timezone = value;
  }
  return change;
}

const isNone = (value: string) => /^(none|off|-)$/i.test(value);

/** Slack escapes a picked channel as `<#C123|name>` (the manifest turns `should_escape` on). */
function channelId(value: string): string | null | undefined {
  if (isNone(value)) return null;
  const escaped = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(value);
  if (escaped) return escaped[1];
  return /^[CG][A-Z0-9]{6,}$/.test(value) ? value : undefined;
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
}

/** Subtypes a person's own reply can carry; edits, joins, bots and the rest are not answers. */
const answerSubtypes = new Set([undefined, 'thread_broadcast', 'file_share']);

/**
 * A person's reply inside a thread, as an answer; null for anything else. Only thread replies are
 * forwarded: the core knows which threads are sessions and who owns them.
 */
export function messageToEvent(
  message: SlackMessage,
  eventId: string,
  source: TenantSource,
): InboundEvent | null {
  if (message.bot_id || !answerSubtypes.has(message.subtype) || !message.user) return null;
  if (!message.thread_ts || message.thread_ts === message.ts) return null;
  return {
    deliveryId: `event:${eventId}`,
    actor: slackActor(source, message.user),
    place: { channel: message.channel, thread: message.thread_ts },
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

type EventBase = Pick<InboundEvent, 'deliveryId' | 'actor' | 'place'>;

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

/**
 * A button press as a core event, in the thread the button belongs to. Ephemeral messages carry no
 * `message`, so the renderer also puts the thread in the button's value.
 */
export function buttonToEvent(press: SlackButtonPress, source: TenantSource): InboundEvent | null {
  const id = coreActionOf(press.actionId);
  const channel = press.channel ?? press.container?.channel_id;
  if (!id || !channel) return null;
  const thread =
    press.message?.thread_ts ?? (press.value || undefined) ?? press.message?.ts ?? press.container?.thread_ts;
  const place: Place = thread ? { channel, thread } : { channel };
  // A second press of the same button on the same message changes nothing (a double click must not skip
  // two questions); each press of Hint asks for the next hint.
  const messageTs = press.message?.ts ?? press.container?.message_ts;
  const deliveryId =
    id === 'hint' || !messageTs
      ? `action:${press.triggerId || `${press.actionTs}:${press.user}`}`
      : `action:${channel}:${messageTs}:${id}:${press.user}`;
  return coreActions[id]({ deliveryId, actor: slackActor(source, press.user), place });
}
