import { describe, expect, it } from 'vitest';
import { decodePairComponent, pairIds } from '../../adapters/discord/custom-ids.ts';
import {
  cardReadyPayload,
  componentLimits,
  pairNoticePayloads,
  scorecardPayload,
} from '../../adapters/discord/render-pairing.ts';
import { loadPackFile } from '../../src/content/load-pack.ts';
import type { Question } from '../../src/content/pack-schema.ts';
import { pairMessages } from '../../src/core/pairing/pair-messages.ts';
import { emptyScorecard, type ScorecardView, scorecardView } from '../../src/core/pairing/scorecard.ts';

// biome-ignore lint/suspicious/noExplicitAny: payloads are Discord's raw JSON
type Json = any;

const packs = ['medical-coding', 'behavioral-core'].map((id) =>
  loadPackFile(new URL(`../../content/${id}.json`, import.meta.url).pathname),
);
const pairId = '3b241101-e2bb-4255-8caf-4136c566a962';

const size = (question: Question) =>
  question.keyPoints.length * 3 + question.redFlags.length + question.checking.length / 100;
/** The question whose card is the hardest to fit: the most lines, then the longest text. */
const largest = packs
  .flatMap((pack) => pack.questions)
  .reduce((best, question) => (size(question) > size(best) ? question : best));

function viewOf(question: Question, round: 0 | 1 = 0): ScorecardView {
  return scorecardView(pairId, round, '222', question, emptyScorecard(question));
}

/** A card of `points` key points and `flags` red flags with labels at the pack schema's 80 characters. */
function syntheticCard(points: number, flags: number): ScorecardView {
  const label = (index: number) => `${index + 1} ${'x'.repeat(76)}`;
  return {
    pairId,
    round: 1,
    candidate: '222',
    question: 'Q'.repeat(800),
    checking: 'C'.repeat(1500),
    keyPoints: Array.from({ length: points }, (_, index) => ({ index, label: label(index), mark: null })),
    redFlags: Array.from({ length: flags }, (_, index) => ({
      index,
      label: label(index),
      why: 'W'.repeat(300),
      heard: false,
    })),
    followUps: Array.from({ length: 4 }, () => 'F'.repeat(200)),
    overall: null,
    complete: false,
  };
}

/** Every mark a press or a pick on the card can make, decoded as the router decodes it. */
function reachableMarks(payload: Json): string[] {
  return payload.components.flatMap((row: Json) =>
    row.components.flatMap((component: Json) => {
      const values =
        component.type === 3 ? component.options.map((option: Json) => option.value) : [undefined];
      return values.map((value: string | undefined) => {
        const action = decodePairComponent(component.custom_id, value === undefined ? [] : [value]);
        return action ? JSON.stringify(action) : `undecodable ${component.custom_id}`;
      });
    }),
  );
}

function expectWithinDiscordLimits(payload: Json) {
  expect(payload.components.length).toBeLessThanOrEqual(componentLimits.rows);
  for (const row of payload.components) {
    const menus = row.components.filter((component: Json) => component.type === 3);
    expect(menus.length === 0 || row.components.length === 1).toBe(true);
    expect(row.components.length).toBeLessThanOrEqual(componentLimits.buttons);
    for (const component of row.components) {
      expect(component.custom_id.length).toBeLessThanOrEqual(100);
      if (component.type === 2) expect(component.label.length).toBeLessThanOrEqual(80);
      for (const option of component.options ?? []) {
        expect(option.label.length).toBeLessThanOrEqual(100);
        expect(option.value.length).toBeLessThanOrEqual(100);
      }
      expect((component.options ?? []).length).toBeLessThanOrEqual(componentLimits.options);
    }
  }
  const ids = payload.components.flatMap((row: Json) =>
    row.components.map((component: Json) => component.custom_id),
  );
  expect(new Set(ids).size).toBe(ids.length);
  expect(payload.embeds.length).toBeLessThanOrEqual(10);
  const characters = payload.embeds.reduce(
    (sum: number, embed: Json) =>
      sum +
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce(
        (total: number, field: Json) => total + field.name.length + field.value.length,
        0,
      ),
    0,
  );
  expect(characters).toBeLessThanOrEqual(6000);
  for (const embed of payload.embeds) {
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
  }
}

function expectEveryLineMarkable(payload: Json, card: ScorecardView) {
  const marks = reachableMarks(payload);
  const expected = [
    ...card.keyPoints.flatMap((point) =>
      ['covered', 'partly', 'missed'].map((mark) => ({ kind: 'point', index: point.index, mark })),
    ),
    ...card.redFlags.map((flag) => ({ kind: 'flag', index: flag.index, heard: true })),
    ...[1, 2, 3, 4, 5].map((score) => ({ kind: 'overall', score })),
  ].map((mark) => JSON.stringify({ type: 'mark', pairId, round: card.round, mark }));
  expect(marks.filter((mark) => mark.startsWith('undecodable'))).toEqual([]);
  expect(marks).toEqual(expect.arrayContaining(expected));
  expect(marks).toContain(JSON.stringify({ type: 'submit', pairId, round: card.round }));
  expect(marks).toContain(JSON.stringify({ type: 'end', pairId }));
}

describe('the Discord scorecard', () => {
  it('fits the largest question of the packs in one message, every line markable', () => {
    expect(largest.keyPoints.length).toBeGreaterThanOrEqual(6);
    const card = viewOf(largest);
    const payload = scorecardPayload(card);
    expectWithinDiscordLimits(payload);
    expectEveryLineMarkable(payload, card);
    // Too many key points for a row each: one menu holds them, with the card text in full.
    expect(payload.components[0]!.components[0]!.type).toBe(3);
    const text = JSON.stringify(payload.embeds);
    expect(text).toContain(largest.text.slice(0, 60));
    for (const point of largest.keyPoints) expect(text).toContain(point.label);
    for (const flag of largest.redFlags) expect(text).toContain(flag.label);
  });

  it('gives a short card a row of buttons per key point, the current marks highlighted', () => {
    const question = packs[0]!.questions.find((candidate) => candidate.keyPoints.length <= 2) ?? {
      ...largest,
      keyPoints: largest.keyPoints.slice(0, 2),
    };
    const card = { ...viewOf(question), overall: 3 };
    card.keyPoints[0]!.mark = 'partly';
    const payload: Json = scorecardPayload(card);
    expectWithinDiscordLimits(payload);
    expectEveryLineMarkable(payload, card);
    const first = payload.components[0].components;
    expect(first.map((button: Json) => button.label)).toEqual(['1 Covered', '1 Partly', '1 Missed']);
    expect(first.map((button: Json) => button.style)).toEqual([2, 1, 2]);
    const overall = payload.components.at(-2).components;
    expect(overall.find((button: Json) => button.style === 1).label).toBe('3');
    expect(payload.embeds[0].fields[0].value).toContain('🟨 **Partly** 1.');
  });

  it('stays within the limits at sixteen key points and ten red flags of the longest allowed labels', () => {
    const card = syntheticCard(16, 10);
    const payload = scorecardPayload(card);
    expectWithinDiscordLimits(payload);
    expectEveryLineMarkable(payload, card);
  });

  it('shows a heard flag and turns its toggle off; a complete card says so instead of what is missing', () => {
    // Loaded packs add the common red flags to each question's own: more than a row of buttons holds.
    expect(largest.redFlags.length).toBeGreaterThan(componentLimits.buttons);
    const card = viewOf(largest, 1);
    card.redFlags[1]!.heard = true;
    const payload: Json = scorecardPayload({ ...card, complete: true, overall: 4 });
    const menu = payload.components
      .flatMap((row: Json) => row.components)
      .find((component: Json) => component.options?.some((option: Json) => option.value.startsWith('flag:')));
    const toggles = menu.options.map((option: Json) => option.value);
    expect(toggles.slice(0, 3)).toEqual(['flag:0:on', 'flag:1:off', 'flag:2:on']);
    expect(menu.options[1].label).toBe(`2. ✓ ${largest.redFlags[1]!.label}`);
    expect(JSON.stringify(payload.embeds)).toContain(`${largest.redFlags[1]!.label}: `);
    expect(JSON.stringify(payload.embeds)).not.toContain(pairMessages.incomplete);
    expect(JSON.stringify(scorecardPayload(card).embeds)).toContain(pairMessages.incomplete);
  });

  it('gives up to five red flags a Heard button each', () => {
    const card = syntheticCard(2, 3);
    card.redFlags[2]!.heard = true;
    const payload: Json = scorecardPayload(card);
    const flags = payload.components[2].components;
    expect(flags.map((button: Json) => button.label)).toEqual(['1 Heard', '2 Heard', '3 Heard ✓']);
    expect(flags[2].custom_id).toBe(pairIds.mark(pairId, 1, 'flag:2:off'));
  });
});

describe('pairing component ids', () => {
  it('decode what the card encodes, and nothing else', () => {
    expect(decodePairComponent(pairIds.open(pairId))).toEqual({ type: 'open', pairId });
    expect(decodePairComponent(pairIds.leave)).toEqual({ type: 'leave' });
    expect(decodePairComponent(pairIds.answer)).toEqual({ type: 'answer' });
    expect(decodePairComponent(pairIds.answerModal)).toEqual({ type: 'answer-modal' });
    expect(decodePairComponent(pairIds.select(pairId, 0, 0), ['point:3:missed'])).toEqual({
      type: 'mark',
      pairId,
      round: 0,
      mark: { kind: 'point', index: 3, mark: 'missed' },
    });
    for (const bad of [
      'starcoach:hint:q1',
      `starcoach:pair-mark:${pairId}:2:overall:3`,
      `starcoach:pair-mark:${pairId}:0:point:1:maybe`,
      `starcoach:pair-mark:${pairId}:0:flag:-1:on`,
      `starcoach:pair-submit:${pairId}`,
      `starcoach:pair-open:${pairId}:0`,
    ]) {
      expect(decodePairComponent(bad)).toBeNull();
    }
    expect(decodePairComponent(pairIds.select(pairId, 0, 0), ['point:x:covered'])).toBeNull();
    expect(decodePairComponent(pairIds.select(pairId, 0, 0), [])).toBeNull();
  });
});

describe('the thread messages', () => {
  it('mention only the members the core named; the intro and the swap carry Answer in writing', () => {
    const intro = pairNoticePayloads({
      type: 'pair-notice',
      code: 'PAIR_STARTED',
      text: pairMessages.started(['111', '222'], 'Medical Coder', 'How do you code it?'),
    });
    expect(intro).toHaveLength(1);
    expect(intro[0]!.allowedMentions).toEqual({ parse: [], users: ['111', '222'] });
    expect(intro[0]!.components[0]!.components.map((component: Json) => component.custom_id)).toEqual([
      pairIds.answer,
    ]);
    const ended = pairNoticePayloads({
      type: 'pair-notice',
      code: 'PAIR_ENDED',
      text: pairMessages.ended('111'),
    });
    expect(ended[0]!.components).toEqual([]);
    const ready = cardReadyPayload('111', pairId);
    expect(ready.content).toContain('<@111>');
    expect(ready.allowedMentions.users).toEqual(['111']);
    expect((ready.components[0]!.components[0] as Json).custom_id).toBe(pairIds.open(pairId));
  });
});
