import { describe, expect, it } from 'vitest';
import {
  buttonToEvent,
  messageToEvent,
  parseCoachCommand,
  parseConfigChange,
  type SlackButtonPress,
  tenantOf,
} from '../../adapters/slack/to-event.ts';

const packs = ['medical-coding', 'behavioral-core'];
const team = { teamId: 'T1' };

describe('parseCoachCommand', () => {
  it('reads start options in any order', () => {
    expect(parseCoachCommand('start medical-coding technical junior 2', packs)).toEqual({
      kind: 'start',
      options: { packId: 'medical-coding', kind: 'technical', level: 'junior', count: 2 },
    });
    expect(parseCoachCommand('START 3 senior behavioral-core', packs)).toEqual({
      kind: 'start',
      options: { packId: 'behavioral-core', level: 'senior', count: 3 },
    });
  });

  it('passes an unknown pack through, so the core names the real ones', () => {
    expect(parseCoachCommand('start cooking', packs)).toEqual({
      kind: 'start',
      options: { packId: 'cooking' },
    });
  });

  it('falls back to help for nothing or an unknown word', () => {
    expect(parseCoachCommand('  ', packs)).toEqual({ kind: 'help', unknown: null });
    expect(parseCoachCommand('dance', packs)).toEqual({ kind: 'help', unknown: 'dance' });
  });
});

describe('parseConfigChange', () => {
  it('reads any subset of channel, time, timezone and pack', () => {
    expect(parseConfigChange(['channel', '<#C123|drills>', 'tz', 'UTC', 'pack', 'none'])).toEqual({
      drillChannel: 'C123',
      timezone: 'UTC',
      packId: null,
    });
    expect(parseConfigChange(['time', '09:00'])).toEqual({ drillTime: '09:00' });
  });

  it('refuses an unlinked channel name, an unknown key or a missing value', () => {
    expect(parseConfigChange(['channel', '#drills'])).toBeNull();
    expect(parseConfigChange(['colour', 'blue'])).toBeNull();
    expect(parseConfigChange(['time'])).toBeNull();
  });
});

describe('messageToEvent', () => {
  const reply = {
    type: 'message',
    channel: 'C1',
    user: 'U1',
    text: 'a &lt; b &amp;&amp; c',
    ts: '2.0',
    thread_ts: '1.0',
  };

  it('turns a person’s thread reply into an answer, unescaping what Slack escaped', () => {
    expect(messageToEvent(reply, 'Ev1', team)).toEqual({
      deliveryId: 'event:Ev1',
      actor: { platform: 'slack', tenant: 'T1', user: 'U1' },
      place: { channel: 'C1', thread: '1.0' },
      type: 'answer-submit',
      text: 'a < b && c',
    });
  });

  it('ignores top-level messages, thread roots, bots and edits', () => {
    expect(messageToEvent({ ...reply, thread_ts: undefined }, 'Ev2', team)).toBeNull();
    expect(messageToEvent({ ...reply, thread_ts: '2.0' }, 'Ev3', team)).toBeNull();
    expect(messageToEvent({ ...reply, bot_id: 'B1' }, 'Ev4', team)).toBeNull();
    expect(messageToEvent({ ...reply, subtype: 'bot_message' }, 'Ev5', team)).toBeNull();
    expect(messageToEvent({ ...reply, subtype: 'message_changed' }, 'Ev6', team)).toBeNull();
    expect(messageToEvent({ ...reply, subtype: 'thread_broadcast' }, 'Ev7', team)?.type).toBe(
      'answer-submit',
    );
  });
});

describe('buttonToEvent', () => {
  const press: SlackButtonPress = {
    actionId: 'starcoach:next',
    actionTs: '5.0',
    triggerId: 'trig',
    user: 'U1',
    channel: 'C1',
    message: { ts: '3.0', thread_ts: '1.0' },
  };

  it('maps a button in a thread to the core event in that thread', () => {
    expect(buttonToEvent(press, team)).toEqual({
      deliveryId: 'action:C1:3.0:next:U1',
      actor: { platform: 'slack', tenant: 'T1', user: 'U1' },
      place: { channel: 'C1', thread: '1.0' },
      type: 'question-next',
    });
  });

  it('finds the thread of an ephemeral message in the button’s value', () => {
    const ephemeral = { ...press, actionId: 'starcoach:hint', message: undefined, value: '1.0' };
    expect(buttonToEvent(ephemeral, team)).toMatchObject({
      deliveryId: 'action:trig',
      place: { channel: 'C1', thread: '1.0' },
      type: 'hint-request',
    });
  });

  it('maps resume and restart to session-start, and ignores other buttons', () => {
    expect(buttonToEvent({ ...press, actionId: 'starcoach:restart' }, team)).toMatchObject({
      type: 'session-start',
      options: { mode: 'new' },
    });
    expect(buttonToEvent({ ...press, actionId: 'starcoach:forget-confirm' }, team)).toBeNull();
    expect(buttonToEvent({ ...press, actionId: 'other:next' }, team)).toBeNull();
  });
});

it('uses the enterprise as the tenant for an org-wide install', () => {
  expect(tenantOf({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: true })).toBe('E1');
  expect(tenantOf({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false })).toBe('T1');
});
