import {
  messages,
  parseWeekdays,
  type QuestionLevel,
  questionLevels,
  type TenantConfigChange,
} from '../../src/index.ts';

/** `/coach config …` as the adapter acts on it: a change (null: show), its usage, or a sentence. */
export type ConfigCommand =
  | { kind: 'config'; change: TenantConfigChange | null }
  | { kind: 'config-usage' }
  /** A value the adapter can already name as wrong, with the core's sentence for it. */
  | { kind: 'invalid'; text: string };

type ConfigKey = 'drillChannel' | 'drillTime' | 'timezone' | 'packId' | 'weekdays' | 'level';

const configKeys: Record<string, ConfigKey> = {
  channel: 'drillChannel',
  time: 'drillTime',
  timezone: 'timezone',
  tz: 'timezone',
  pack: 'packId',
  days: 'weekdays',
  weekdays: 'weekdays',
  level: 'level',
};

const isFlag = (word: string) => /^(pause|resume|skip)$/i.test(word);

/**
 * `config`, or any mix of `pause`, `resume`, `skip [YYYY-MM-DD|today]` and `key value` pairs, such as
 * `config channel #c pause`: the pairs name the cohort (`channel`) and its settings.
 */
export function parseConfigCommand(words: readonly string[]): ConfigCommand {
  if (words.length === 0) return { kind: 'config', change: null };
  const change: TenantConfigChange = {};
  const pairs: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const flag = word.toLowerCase();
    if (flag === 'pause' || flag === 'resume') {
      if (change.paused !== undefined) return { kind: 'config-usage' };
      change.paused = flag === 'pause';
    } else if (flag === 'skip') {
      if (change.skipDate !== undefined) return { kind: 'config-usage' };
      const next = words[i + 1];
      // The core resolves "today" in the cohort's timezone, with its own clock.
      const takesDate = next !== undefined && !configKeys[next.toLowerCase()] && !isFlag(next);
      change.skipDate = takesDate && !/^today$/i.test(next) ? next : 'today';
      if (takesDate) i += 1;
    } else pairs.push(word);
  }
  if (pairs.length === 0) return { kind: 'config', change };
  const parsed = parseConfigChange(pairs);
  if (parsed.ok) return { kind: 'config', change: { ...parsed.change, ...change } };
  return parsed.text === null ? { kind: 'config-usage' } : { kind: 'invalid', text: parsed.text };
}

/** A parsed change, or why not: a sentence to show, or null when only the usage helps. */
export type ConfigParse = { ok: true; change: TenantConfigChange } | { ok: false; text: string | null };

/**
 * `channel #c time 09:00 timezone America/New_York days mon,wed,fri pack id level junior`, any subset.
 * The core checks time, timezone and pack; the adapter reads what only it can (channels, day names).
 */
export function parseConfigChange(words: readonly string[]): ConfigParse {
  const usage = { ok: false, text: null } as const;
  if (words.length === 0 || words.length % 2 !== 0) return usage;
  const change: TenantConfigChange = {};
  for (let i = 0; i < words.length; i += 2) {
    const key = configKeys[words[i]!.toLowerCase()];
    const value = words[i + 1]!;
    switch (key) {
      case undefined:
        return usage;
      case 'drillChannel': {
        const channel = isNone(value) ? null : channelId(value);
        if (channel === undefined) return usage;
        change.drillChannel = channel;
        break;
      }
      case 'packId':
        change.packId = isNone(value) ? null : value.toLowerCase();
        break;
      case 'drillTime':
        change.drillTime = value;
        break;
      case 'timezone':
        change.timezone = value;
        break;
      case 'weekdays': {
        const days = parseWeekdays(value);
        if (!days) return { ok: false, text: messages.invalidWeekdays() };
        change.weekdays = days;
        break;
      }
      case 'level': {
        const level = value.toLowerCase();
        if (/^(any|none|all|mixed)$/.test(level)) change.level = null;
        else if ((questionLevels as readonly string[]).includes(level)) change.level = level as QuestionLevel;
        else return usage;
        break;
      }
    }
  }
  return { ok: true, change };
}

const isNone = (value: string) => /^(none|off|-)$/i.test(value);

/** Slack escapes a picked channel as `<#C123|name>` (the manifest turns `should_escape` on). */
export function channelId(value: string): string | undefined {
  const escaped = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(value);
  if (escaped) return escaped[1];
  return /^[CG][A-Z0-9]{6,}$/.test(value) ? value : undefined;
}

/** Slack escapes a picked person as `<@U123|name>`; a bare user id is taken too. */
export function userId(value: string): string | undefined {
  const escaped = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(value);
  if (escaped) return escaped[1];
  return /^[UW][A-Z0-9]{6,}$/.test(value) ? value : undefined;
}
