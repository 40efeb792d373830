import { describe, expect, it } from 'vitest';
import { cohortListPayloads } from '../../adapters/discord/cohort-panels.ts';
import { embedLimits, fitEmbeds, sizeOf } from '../../adapters/discord/embeds.ts';
import { answerModal, progressPayloads } from '../../adapters/discord/panels.ts';
import { practiceCommand, renderReply, textPayloads } from '../../adapters/discord/render.ts';
import {
  answerEvent,
  buttonMeaning,
  configChange,
  messageEvent,
  packChoices,
  parseWeekdays,
  placeOf,
  practiceOptions,
  type Source,
} from '../../adapters/discord/to-event.ts';
import { viewCohort } from '../../src/core/cohort-settings.ts';
import { actions } from '../../src/core/messages.ts';
import { recordPeerAttempt } from '../../src/core/pairing/peer-history.ts';
import { buildProgress } from '../../src/core/progress.ts';
import { emptyHistory } from '../../src/core/records.ts';
import { peerAttempt } from '../support/peer-attempts.ts';

const words = (count: number) => Array.from({ length: count }, (_, n) => `word${n}`).join(' ');

describe('fitEmbeds', () => {
  it('splits descriptions, field values and field counts to Discord’s limits, keeping every character', () => {
    const description = words(2500);
    const fields = Array.from({ length: 40 }, (_, n) => ({
      name: `F${n}`,
      value: n === 3 ? words(500) : `v${n}`,
    }));
    const embeds = fitEmbeds({ title: 'Score 2/5', description, color: 1, fields, footer: 'note' });
    for (const embed of embeds) {
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(embedLimits.description);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(embedLimits.fields);
      for (const field of embed.fields ?? [])
        expect(field.value.length).toBeLessThanOrEqual(embedLimits.fieldValue);
      expect(sizeOf(embed)).toBeLessThanOrEqual(embedLimits.total);
      expect(embed.color).toBe(1);
    }
    expect(embeds[0]!.title).toBe('Score 2/5');
    expect(
      embeds
        .map((embed) => embed.description ?? '')
        .join(' ')
        .trim(),
    ).toBe(description);
    const values = embeds.flatMap((embed) => embed.fields ?? []);
    expect(
      values.filter((field) => field.name === '\u200b').map((field) => field.value).length,
    ).toBeGreaterThan(0);
    expect(values.map((field) => field.value).join(' ')).toContain(words(500).slice(-50));
    expect(embeds.at(-1)!.footer).toEqual({ text: 'note' });
  });

  it('moves a footer that is too long into a field', () => {
    const [embed] = fitEmbeds({ description: 'x', footer: words(500) });
    expect(embed!.footer).toBeUndefined();
    expect(embed!.fields!.map((field) => field.name)[0]).toBe('Notes');
  });
});

describe('renderReply', () => {
  it('puts a long question in the description and an Answer button first', () => {
    const text = `${words(60)}?`;
    const [message] = renderReply({
      type: 'question',
      private: false,
      actions: actions('hint', 'skip', 'end'),
      number: 2,
      total: 5,
      packTitle: 'Mini Coder',
      drillDate: null,
      question: { id: 'q', text, kind: 'technical', level: 'mid', competencies: ['E/M levels'] },
    });
    expect(message!.embeds[0]).toMatchObject({ title: '2/5 · Mini Coder', description: text });
    expect(message!.embeds[0]!.fields![2]).toMatchObject({ name: 'Competency', value: 'E/M levels' });
    expect(message!.components[0]!.components.map((button) => (button as { label?: string }).label)).toEqual([
      'Answer',
      'Hint',
      'Skip',
      'End',
    ]);
    expect(message!.allowedMentions).toEqual({ parse: [] });
  });

  it('splits a notice over 2,000 characters into several messages, buttons on the last', () => {
    const payloads = textPayloads(words(600), [
      { type: 2, style: 1, label: 'Resume', custom_id: 'starcoach:resume' },
    ]);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(payload.content.length).toBeLessThanOrEqual(2000);
    expect(payloads.at(-1)!.components).toHaveLength(1);
    expect(payloads[0]!.components).toEqual([]);
  });

  it('writes the practice command a user can type', () => {
    expect(practiceCommand({ packId: 'mini', kind: 'behavioral' })).toBe(
      '/practice pack:mini kind:behavioral',
    );
  });

  it('keeps the modal’s prompt short and its input at Discord’s 4,000 characters', () => {
    const modal = answerModal(words(400));
    const [prompt, label] = modal.components as unknown as [
      { content: string },
      { component: { max_length: number } },
    ];
    expect(prompt.content.length).toBeLessThanOrEqual(1000);
    expect(label.component.max_length).toBe(4000);
    expect(answerModal(null).components).toHaveLength(1);
  });
});

const source = (extra: Partial<Source> = {}): Source => ({
  id: 'i1',
  guildId: 'g1',
  userId: 'u1',
  canManageGuild: false,
  channelId: 't1',
  parentId: 'c1',
  memberRoles: [],
  ...extra,
});

describe('to-event', () => {
  it('places thread events by parent channel and thread; starts never inside a thread', () => {
    expect(placeOf(source())).toEqual({ channel: 'c1', thread: 't1' });
    expect(placeOf(source({ parentId: null, channelId: 'c1' }))).toEqual({ channel: 'c1' });
    const resume = buttonMeaning('starcoach:resume', source());
    expect(resume).toMatchObject({
      kind: 'event',
      event: { type: 'session-start', options: { mode: 'resume' }, place: { channel: 'c1' } },
    });
    expect(buttonMeaning('starcoach:hint', source())).toMatchObject({
      event: { type: 'hint-request', place: { thread: 't1' }, actor: { tenant: 'g1', roles: [] } },
    });
    expect(buttonMeaning('starcoach:toString', source())).toEqual({ kind: 'unknown' });
    expect(buttonMeaning('other:hint', source())).toEqual({ kind: 'unknown' });
  });

  it('keeps private what comes from a private reply about a drill: its buttons and its modal', () => {
    const bound = buttonMeaning('starcoach:next@d9:q1', source({ parentId: null, channelId: 'c1' }));
    expect(bound).toMatchObject({
      event: { type: 'question-next', place: { channel: 'c1', thread: 'd9' }, privately: true },
    });
    const plain = buttonMeaning('starcoach:next:q1', source());
    expect(plain.kind === 'event' && plain.event.privately).toBeFalsy();
    const answer = answerEvent(source({ parentId: null, channelId: 'c1' }), 'R07.9', 'q1', { thread: 'd9' });
    expect(answer).toMatchObject({ place: { channel: 'c1', thread: 'd9' }, privately: true });
    expect(answerEvent(source(), 'R07.9', 'q1')).not.toHaveProperty('privately');
  });

  it('maps the DM tenant and the admin role', () => {
    const meaning = buttonMeaning('starcoach:end', source({ guildId: null, canManageGuild: true }));
    expect(meaning).toMatchObject({ event: { actor: { tenant: 'dm', roles: ['admin'] } } });
  });

  it('takes a message as an answer only from a person, in a thread the bot opened', () => {
    const facts = {
      authorIsBot: false,
      automated: false,
      content: 'R07.9',
      threadOwnerId: 'bot',
      botUserId: 'bot',
    };
    expect(messageEvent(source(), facts)).toMatchObject({
      type: 'answer-submit',
      text: 'R07.9',
      deliveryId: 'i1',
    });
    expect(messageEvent(source(), { ...facts, authorIsBot: true })).toBeNull();
    expect(messageEvent(source(), { ...facts, automated: true })).toBeNull();
    expect(messageEvent(source(), { ...facts, threadOwnerId: 'someone' })).toBeNull();
    expect(messageEvent(source({ parentId: null }), facts)).toBeNull();
    expect(messageEvent(source(), { ...facts, content: '  ' })).toBeNull();
  });

  it('reads options, dropping values Discord should not have sent', () => {
    expect(practiceOptions({ pack: 'mini', kind: 'sideways', level: 'senior', count: 3 })).toEqual({
      packId: 'mini',
      level: 'senior',
      count: 3,
    });
    const none = { drillChannel: null, drillTime: null, timezone: null, pack: null };
    expect(configChange(none)).toEqual({ ok: true, change: null });
    expect(configChange({ ...none, drillChannel: 'c', drillTime: ' 07:00 ' })).toEqual({
      ok: true,
      change: { drillChannel: 'c', drillTime: '07:00' },
    });
    expect(configChange({ ...none, days: 'mon, wed,fri', level: 'any', action: 'pause' })).toEqual({
      ok: true,
      change: { weekdays: [1, 3, 5], level: null, paused: true },
    });
    expect(configChange({ ...none, days: 'mon-fri', level: 'junior', action: 'skip' }, '2026-11-23')).toEqual(
      {
        ok: true,
        change: { weekdays: [1, 2, 3, 4, 5], level: 'junior', skipDate: '2026-11-23' },
      },
    );
    expect(configChange({ ...none, days: 'daily', skipDate: '2026-12-24' })).toEqual({
      ok: true,
      change: { weekdays: [0, 1, 2, 3, 4, 5, 6], skipDate: '2026-12-24' },
    });
    expect(configChange({ ...none, days: 'mon,funday' })).toEqual({ ok: false, error: 'weekdays' });
    expect(parseWeekdays('fri-mon')).toEqual([0, 1, 5, 6]);
    expect(parseWeekdays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    const packs = [
      { id: 'medical-coding', title: 'Medical Coding Specialist' },
      { id: 'behavioral-core', title: 'Behavioral core' },
    ];
    expect(packChoices(packs, 'coding').map((choice) => choice.value)).toEqual(['medical-coding']);
    expect(packChoices(packs, '')).toHaveLength(2);
  });
});

describe('cohort panels', () => {
  const cohort = (n: number) => ({
    drillChannel: `C${n}`,
    drillTime: '09:00',
    timezone: 'Europe/Berlin',
    packId: null,
    weekdays: [1, 2, 3, 4, 5],
    level: null,
    paused: n % 2 === 1,
    skipDates: [],
    instructors: [`U${n}`],
    assignments: [
      {
        id: 'a',
        packId: 'mini',
        questionIds: ['q1', 'q2'],
        due: '2026-11-30',
        assignedBy: 'U',
        assignedAt: 0,
      },
      { id: 'b', packId: 'mini', questionIds: ['q1'], due: '2026-11-01', assignedBy: 'U', assignedAt: 0 },
    ],
    createdAt: 1,
  });

  it('lists any number of cohorts within Discord’s limits, with only open assignments', () => {
    // Open as the core works it out: not past due on 23 November in each cohort's timezone.
    const now = Date.parse('2026-11-23T12:00:00Z');
    const payloads = cohortListPayloads(
      Array.from({ length: 30 }, (_, n) => viewCohort(cohort(n), now, n)),
      () => 'Mini Coder',
    );
    expect(payloads.length).toBe(2);
    const fields = payloads.flatMap((item) => item.embeds[0]!.fields ?? []);
    expect(fields).toHaveLength(30);
    expect(fields[1]).toEqual({
      name: '2. 09:00 Europe/Berlin, Mon–Fri (paused)',
      value: '<#C1>\nMembers: 1 · Instructors: <@U1>\nOpen assignments: Mini Coder ×2 due 2026-11-30',
    });
    expect(payloads.every((item) => item.allowedMentions.parse.length === 0)).toBe(true);
  });

  it('renders the core’s assignment notice as a card of its own', () => {
    const [item] = renderReply({
      type: 'notice',
      code: 'assignment',
      text: 'Assignment for <#C1>: 0 of 2 done, due 2026-11-30.',
      private: true,
      actions: [],
    });
    expect(item!.embeds[0]).toMatchObject({
      title: 'Assignment',
      description: expect.stringContaining('<#C1>'),
    });
    expect(item!.content).toBe('');
  });
});

describe('transcript replies', () => {
  const transcript = (status: 'pending' | 'final' | 'failed', text: string, words: string | null = null) =>
    renderReply({
      type: 'transcript',
      private: false,
      actions: [],
      status,
      text,
      transcript: words,
      delivery: null,
    });

  it('shows the pending line as a progress embed, the failure as a warning text', () => {
    const [pending] = transcript('pending', 'Transcribing your 0:42 answer…');
    expect(pending!.embeds[0]!.description).toBe('Transcribing your 0:42 answer…');
    expect(pending!.content).toBe('');
    const failed = transcript('failed', 'Could not transcribe that recording just now.');
    expect(failed.map((p) => [p.content, p.embeds])).toEqual([
      ['⚠️ Could not transcribe that recording just now.', []],
    ]);
  });

  it('quotes the member’s words escaped, under the heard line, and splits a long one without losing words', () => {
    const [short] = transcript('final', 'Heard 0:08 of speech.', 'I coded *R07.9* and `rm` ~~it~~ <@123>');
    expect(short!.embeds[0]!.title).toBe('🎙️ What I heard');
    expect(short!.embeds[0]!.description).toBe(
      'Heard 0:08 of speech.\n\n>>> I coded \\*R07.9\\* and \\`rm\\` \\~\\~it\\~\\~ <@123>',
    );
    expect(short!.allowedMentions).toEqual({ parse: [] });
    const long = transcript('final', 'Heard 5:00 of speech.', words(1500));
    expect(long.length).toBeGreaterThan(1);
    for (const item of long) {
      expect(item.embeds[0]!.description!.length).toBeLessThanOrEqual(embedLimits.description);
      expect(item.embeds[0]!.description).toContain('>>> ');
    }
    const joined = long.map((item) => item.embeds[0]!.description!.split('>>> ')[1]).join(' ');
    expect(joined.split(/\s+/)).toEqual(words(1500).split(' '));
  });
});

describe('progress panel', () => {
  const peer = (questionId: string, score: number, iso: string) =>
    peerAttempt(iso, questionId, score, {
      kind: 'technical',
      competencies: ['documentation'],
      partner: 'U2',
    });

  it('gives peer-scored answers their own field, and a peer-only member the figures instead of “no answers”', () => {
    let history = recordPeerAttempt(emptyHistory(), peer('q-one', 5, '2026-11-22T10:00:00Z'), '2026-11-22');
    history = recordPeerAttempt(history, peer('q-two', 2, '2026-11-23T10:00:00Z'), '2026-11-23');
    const [shown] = progressPayloads(buildProgress(history, 'mini', '2026-11-23'));
    const fields = shown!.embeds[0]!.fields ?? [];
    const byName = new Map(fields.map((field) => [field.name, field.value]));
    expect(byName.get('Answered')).toBe('0');
    expect(byName.get('Average')).toBe('—');
    expect(byName.get('Peer mock interviews')).toBe(
      [
        'Peer-scored answers: 2 · average 3.5/5 (scored by your interview partners, not in the graded figures)',
        '2/5 · q-two · 2026-11-23',
        '5/5 · q-one · 2026-11-22',
      ].join('\n'),
    );
    expect(progressPayloads(buildProgress(emptyHistory(), 'mini', '2026-11-23'))[0]!.embeds).toEqual([]);
  });
});
