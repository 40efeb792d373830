import { describe, expect, it } from 'vitest';
import {
  isRecording,
  needsFileInfo,
  type SlackFile,
  slackAudioClip,
} from '../../adapters/slack/recordings.ts';
import {
  buttonToEvent,
  decodeButtonValue,
  encodeButtonValue,
  messageToEvent,
  parseCoachCommand,
  parseConfigChange,
  parseWeekdays,
  type SlackButtonPress,
  tenantOf,
  viewToEvent,
} from '../../adapters/slack/to-event.ts';
import { messages } from '../../src/core/messages.ts';

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
  it('reads any subset of channel, time, timezone, pack, days and level', () => {
    expect(parseConfigChange(['channel', '<#C123|drills>', 'tz', 'UTC', 'pack', 'none'])).toEqual({
      ok: true,
      change: { drillChannel: 'C123', timezone: 'UTC', packId: null },
    });
    expect(parseConfigChange(['time', '09:00', 'days', 'mon,wed,fri', 'level', 'junior'])).toEqual({
      ok: true,
      change: { drillTime: '09:00', weekdays: [1, 3, 5], level: 'junior' },
    });
    expect(parseConfigChange(['level', 'any', 'weekdays', 'weekdays'])).toEqual({
      ok: true,
      change: { level: null, weekdays: [1, 2, 3, 4, 5] },
    });
  });

  it('refuses an unlinked channel name, an unknown key or a missing value; names bad days', () => {
    const usage = { ok: false, text: null };
    expect(parseConfigChange(['channel', '#drills'])).toEqual(usage);
    expect(parseConfigChange(['colour', 'blue'])).toEqual(usage);
    expect(parseConfigChange(['time'])).toEqual(usage);
    expect(parseConfigChange(['level', 'expert'])).toEqual(usage);
    expect(parseConfigChange(['days', 'mon,funday'])).toEqual({
      ok: false,
      text: messages.invalidWeekdays(),
    });
  });
});

describe('parseWeekdays', () => {
  it('reads names, numbers, ranges (wrapping past Saturday) and presets', () => {
    expect(parseWeekdays('Monday,tue,THU')).toEqual([1, 2, 4]);
    expect(parseWeekdays('0,6')).toEqual([0, 6]);
    expect(parseWeekdays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('fri-mon')).toEqual([0, 1, 5, 6]);
    expect(parseWeekdays('daily')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseWeekdays('weekends')).toEqual([0, 6]);
    expect(parseWeekdays('7')).toBeNull();
    expect(parseWeekdays('t')).toBeNull();
  });
});

describe('/coach config, settings, leaderboard and cohort', () => {
  it('reads pause, resume and skip (today when no date)', () => {
    expect(parseCoachCommand('config pause', packs)).toEqual({ kind: 'config', change: { paused: true } });
    expect(parseCoachCommand('config resume', packs)).toEqual({ kind: 'config', change: { paused: false } });
    // The core resolves "today" in the cohort's timezone, with its clock.
    expect(parseCoachCommand('config skip', packs)).toEqual({
      kind: 'config',
      change: { skipDate: 'today' },
    });
    expect(parseCoachCommand('config skip today', packs)).toEqual({
      kind: 'config',
      change: { skipDate: 'today' },
    });
    expect(parseCoachCommand('config skip 2026-12-24', packs)).toEqual({
      kind: 'config',
      change: { skipDate: '2026-12-24' },
    });
    expect(parseCoachCommand('config pause now', packs)).toEqual({ kind: 'config-usage' });
    expect(parseCoachCommand('config pause resume', packs)).toEqual({ kind: 'config-usage' });
  });

  it('takes pause, resume and skip with `channel #c`, which names another channel’s cohort', () => {
    expect(parseCoachCommand('config channel <#C777|b> pause', packs)).toEqual({
      kind: 'config',
      change: { drillChannel: 'C777', paused: true },
    });
    expect(parseCoachCommand('config skip channel <#C777|b>', packs)).toEqual({
      kind: 'config',
      change: { drillChannel: 'C777', skipDate: 'today' },
    });
    expect(parseCoachCommand('config skip 2026-12-24 time 10:00', packs)).toEqual({
      kind: 'config',
      change: { drillTime: '10:00', skipDate: '2026-12-24' },
    });
    expect(parseCoachCommand('config channel none', packs)).toEqual({
      kind: 'config',
      change: { drillChannel: null },
    });
  });

  it('takes `days mon, wed, fri` with spaces as one value', () => {
    expect(parseCoachCommand('config days mon, wed, fri time 08:00', packs)).toEqual({
      kind: 'config',
      change: { weekdays: [1, 3, 5], drillTime: '08:00' },
    });
  });

  it('reads a member’s settings, and the leaderboard and cohort commands', () => {
    expect(parseCoachCommand('settings', packs)).toEqual({ kind: 'settings', change: null });
    expect(parseCoachCommand('settings timezone Europe/Berlin leaderboard on', packs)).toEqual({
      kind: 'settings',
      change: { timezone: 'Europe/Berlin', leaderboard: true },
    });
    expect(parseCoachCommand('settings tz none', packs)).toEqual({
      kind: 'settings',
      change: { timezone: null },
    });
    expect(parseCoachCommand('settings leaderboard maybe', packs)).toEqual({ kind: 'settings-usage' });
    expect(parseCoachCommand('leaderboard', packs)).toEqual({ kind: 'leaderboard' });
    expect(parseCoachCommand('cohort', packs)).toEqual({ kind: 'cohort', channel: null, days: null });
  });
});

describe('/coach cohorts, cohort and assign', () => {
  it('reads the cohort report’s channel and period in either order', () => {
    expect(parseCoachCommand('cohorts', packs)).toEqual({ kind: 'cohorts' });
    expect(parseCoachCommand('cohort 7d', packs)).toEqual({ kind: 'cohort', channel: null, days: 7 });
    expect(parseCoachCommand('cohort <#C123|a> 90D', packs)).toEqual({
      kind: 'cohort',
      channel: 'C123',
      days: 90,
    });
    expect(parseCoachCommand('cohort 30d <#C123>', packs)).toEqual({
      kind: 'cohort',
      channel: 'C123',
      days: 30,
    });
    expect(parseCoachCommand('cohort 14d', packs)).toEqual({
      kind: 'invalid',
      text: messages.invalidPeriod('14d'),
    });
    expect(parseCoachCommand('cohort #general', packs)).toEqual({ kind: 'cohort-usage' });
    expect(parseCoachCommand('cohort <#C1|a> <#C2|b>', packs)).toEqual({ kind: 'cohort-usage' });
  });

  it('reads members to add or remove, as Slack escapes them', () => {
    expect(parseCoachCommand('cohort add <@U111|alex> <@U222|sam> <@U111|alex>', packs)).toEqual({
      kind: 'cohort-members',
      action: 'add',
      users: ['U111', 'U222'],
      channel: null,
    });
    expect(parseCoachCommand('cohort add-instructor <#C123|b> <@U333>', packs)).toEqual({
      kind: 'cohort-members',
      action: 'add-instructor',
      users: ['U333'],
      channel: 'C123',
    });
    expect(parseCoachCommand('cohort remove <@U111|alex>', packs)).toMatchObject({
      action: 'remove',
      users: ['U111'],
    });
    for (const text of ['cohort add', 'cohort add @alex', 'cohort remove <@U1> <@U2>']) {
      expect(parseCoachCommand(text, packs)).toEqual({ kind: 'cohort-usage' });
    }
  });

  it('reads an assignment: a count or question ids, a due date, maybe a channel', () => {
    expect(parseCoachCommand('assign Medical-Coding 5 due 2026-12-24', packs)).toEqual({
      kind: 'assign',
      channel: null,
      request: { packId: 'medical-coding', what: { count: 5 }, due: '2026-12-24' },
    });
    expect(parseCoachCommand('assign medical-coding q-1 q-2 due 7d <#C123|b>', packs)).toEqual({
      kind: 'assign',
      channel: 'C123',
      request: { packId: 'medical-coding', what: { questionIds: ['q-1', 'q-2'] }, due: '7d' },
    });
    for (const text of [
      'assign',
      'assign medical-coding 5',
      'assign medical-coding due 7d',
      'assign x 5 due',
    ]) {
      expect(parseCoachCommand(text, packs)).toEqual({ kind: 'assign-usage' });
    }
  });

  it('reads reminder and streak settings', () => {
    expect(parseCoachCommand('settings remind 18:00 streak on', packs)).toEqual({
      kind: 'settings',
      change: { remind: '18:00', streakAlert: true },
    });
    expect(parseCoachCommand('settings remind 7:30', packs)).toEqual({
      kind: 'settings',
      change: { remind: '07:30' },
    });
    expect(parseCoachCommand('settings remind off streak off', packs)).toEqual({
      kind: 'settings',
      change: { remind: 'off', streakAlert: false },
    });
    expect(parseCoachCommand('settings remind none', packs)).toEqual({
      kind: 'settings',
      change: { remind: null },
    });
    expect(parseCoachCommand('settings streak sometimes', packs)).toEqual({ kind: 'settings-usage' });
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
      // Overheard: in a thread that is no session of theirs, the core says nothing to it.
      overheard: true,
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

describe('recordings among a thread reply’s files', () => {
  const logger = { warn: () => {}, error: () => {} };
  const clipOf = (file: SlackFile) => slackAudioClip(file, { botToken: 'xoxb-test', logger });
  const voice: SlackFile = {
    id: 'F1',
    name: 'audio_message',
    mimetype: 'audio/webm',
    filetype: 'webm',
    subtype: 'slack_audio',
    size: 13591,
    duration_ms: 42_500,
    url_private_download: 'https://files.slack.com/files-pri/T1-F1/download/audio_message',
  };
  const message = {
    type: 'message',
    subtype: 'file_share',
    channel: 'C1',
    user: 'U1',
    text: 'typed with it',
    ts: '2.0',
    thread_ts: '1.0',
  };

  it('tells recordings from other files by Slack’s clip subtype, filetype, type or name', () => {
    expect(isRecording({ subtype: 'slack_video' })).toBe(true);
    expect(isRecording({ name: 'answer', filetype: 'm4a' })).toBe(true);
    expect(isRecording({ name: 'answer.bin', mimetype: 'audio/ogg' })).toBe(true);
    expect(isRecording({ name: 'memo.wav' })).toBe(true);
    expect(isRecording({ name: 'screenshot.png', mimetype: 'image/png', filetype: 'png' })).toBe(false);
    // An event that only names the file says nothing of what it is: files.info does.
    const partial = { id: 'F2', file_access: 'check_file_info' };
    expect(isRecording(partial)).toBe(false);
    expect(needsFileInfo(partial)).toBe(true);
    expect(needsFileInfo(voice)).toBe(false);
  });

  it('makes the first recording the answer, with what Slack announced of it, and not the text', () => {
    const image: SlackFile = { id: 'F0', name: 'shot.png', mimetype: 'image/png', filetype: 'png' };
    const event = messageToEvent({ ...message, files: [image, voice] }, 'Ev1', team, clipOf);
    expect(event).toMatchObject({
      deliveryId: 'file:C1:2.0:F1',
      actor: { platform: 'slack', tenant: 'T1', user: 'U1' },
      place: { channel: 'C1', thread: '1.0' },
      overheard: true,
      type: 'answer-audio',
      audio: { name: 'audio_message.webm', mimeType: 'audio/webm', sizeBytes: 13591, durationSeconds: 42.5 },
    });
    expect(event).not.toHaveProperty('text');
  });

  it('leaves a reply with an image, or no way to download, as the typed answer it was', () => {
    const image: SlackFile = { id: 'F0', name: 'shot.png', mimetype: 'image/png', filetype: 'png' };
    expect(messageToEvent({ ...message, files: [image] }, 'Ev2', team, clipOf)).toMatchObject({
      deliveryId: 'event:Ev2',
      type: 'answer-submit',
      text: 'typed with it',
    });
    expect(messageToEvent({ ...message, files: [voice] }, 'Ev3', team)?.type).toBe('answer-submit');
  });

  it('leaves size and length unknown when Slack does not say', () => {
    const clip = clipOf({ id: 'F3', name: 'memo.mp3' });
    expect([clip.sizeBytes, clip.durationSeconds, clip.mimeType]).toEqual([null, null, null]);
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

  it('finds the thread, the question and the privacy of an ephemeral message in the button’s value', () => {
    const value = encodeButtonValue({ thread: '1.0', questionId: 'q7', privately: true });
    const ephemeral = { ...press, actionId: 'starcoach:hint', message: undefined, value };
    expect(buttonToEvent(ephemeral, team)).toEqual({
      deliveryId: 'action:trig',
      actor: { platform: 'slack', tenant: 'T1', user: 'U1' },
      place: { channel: 'C1', thread: '1.0' },
      questionId: 'q7',
      privately: true,
      type: 'hint-request',
    });
    expect(decodeButtonValue(value)).toEqual({ thread: '1.0', questionId: 'q7', privately: true });
  });

  it('still reads a value that is the thread alone (buttons posted before questions were named)', () => {
    const old = { ...press, actionId: 'starcoach:hint', message: undefined, value: '1.0' };
    expect(buttonToEvent(old, team)).toMatchObject({ place: { channel: 'C1', thread: '1.0' } });
    expect(buttonToEvent(old, team)).not.toHaveProperty('questionId');
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

describe('viewToEvent', () => {
  it('turns the private-answer modal into an answer in the thread its metadata names', () => {
    const view = {
      id: 'V1',
      callback_id: 'starcoach:answer-modal',
      private_metadata: JSON.stringify({ c: 'C1', t: '1.0' }),
      state: { values: { answer: { text: { value: 'a < b' } } } },
    };
    expect(viewToEvent(view, 'U1', team)).toEqual({
      deliveryId: 'view:V1',
      actor: { platform: 'slack', tenant: 'T1', user: 'U1' },
      place: { channel: 'C1', thread: '1.0' },
      privately: true,
      type: 'answer-submit',
      text: 'a < b',
    });
    expect(viewToEvent({ ...view, private_metadata: 'junk' }, 'U1', team)).toBeNull();
    expect(viewToEvent({ ...view, callback_id: 'other' }, 'U1', team)).toBeNull();
  });
});

it('uses the enterprise as the tenant for an org-wide install', () => {
  expect(tenantOf({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: true })).toBe('E1');
  expect(tenantOf({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false })).toBe('T1');
});
