import { describe, expect, it } from 'vitest';
import { parsePairCommand } from '../../adapters/slack/parse-pair.ts';
import {
  decodePairAction,
  leaveQueueId,
  pairReply,
  renderPairMessage,
  scorecardBlocks,
} from '../../adapters/slack/render-pairing.ts';
import type { ScorecardView } from '../../src/core/pairing/scorecard.ts';

const packs = ['medical-coding', 'behavioral-core'];

function card(points: number, flags: number, overrides: Partial<ScorecardView> = {}): ScorecardView {
  return {
    pairId: 'pair-1',
    round: 1,
    candidate: 'UBOB',
    question: 'Tell me about <!channel> a time you disagreed & why.',
    checking: 'Whether they listen.',
    keyPoints: Array.from({ length: points }, (_, index) => ({ index, label: `Point ${index}`, mark: null })),
    redFlags: Array.from({ length: flags }, (_, index) => ({
      index,
      label: `Flag ${index}`,
      why: 'It matters',
      heard: false,
    })),
    followUps: ['What would you do differently?'],
    overall: null,
    complete: false,
    ...overrides,
  };
}

type Element = { action_id?: string; value?: string; style?: string };
const elementsOf = (blocks: unknown[]) =>
  (blocks as { elements?: Element[]; accessory?: Element }[]).flatMap((block) => [
    ...(block.elements ?? []).filter((element) => element.action_id),
    ...(block.accessory ? [block.accessory] : []),
  ]);

describe('/coach pair parsing', () => {
  it('reads pack, kind and level in any order, and the subcommands', () => {
    expect(parsePairCommand(['senior', 'Technical', 'medical-coding'], packs)).toEqual({
      kind: 'pair-join',
      packId: 'medical-coding',
      questionKind: 'technical',
      level: 'senior',
    });
    expect(parsePairCommand([], packs)).toEqual({
      kind: 'pair-join',
      packId: null,
      questionKind: null,
      level: null,
    });
    expect(parsePairCommand(['cancel'], packs)).toEqual({ kind: 'pair-cancel' });
    expect(parsePairCommand(['block', '<@U123ABC|sam>'], packs)).toEqual({
      kind: 'pair-block',
      block: true,
      user: 'U123ABC',
    });
    expect(parsePairCommand(['unblock', '<@U123ABC>'], packs)).toMatchObject({ block: false });
    expect(parsePairCommand(['block'], packs)).toEqual({ kind: 'pair-usage' });
    expect(parsePairCommand(['block', 'sam'], packs)).toEqual({ kind: 'pair-usage' });
    expect(parsePairCommand(['nope', 'also-nope'], packs)).toEqual({ kind: 'pair-usage' });
  });
});

describe('scorecard rendering', () => {
  it('gives each button a value that decodes to the press it stands for', () => {
    const blocks = scorecardBlocks(card(2, 1, { keyPoints: [{ index: 0, label: 'A', mark: 'partly' }] }));
    const pressed = elementsOf(blocks).map((element) => decodePairAction(element.action_id!, element.value));
    expect(pressed).toContainEqual({
      type: 'mark',
      pairId: 'pair-1',
      round: 1,
      mark: { kind: 'point', index: 0, mark: 'missed' },
    });
    expect(pressed).toContainEqual({
      type: 'mark',
      pairId: 'pair-1',
      round: 1,
      mark: { kind: 'flag', index: 0, heard: true },
    });
    expect(pressed).toContainEqual({
      type: 'mark',
      pairId: 'pair-1',
      round: 1,
      mark: { kind: 'overall', score: 3 },
    });
    expect(pressed).toContainEqual({ type: 'end', pairId: 'pair-1' });
    expect(pressed).not.toContainEqual({ type: 'submit', pairId: 'pair-1', round: 1 });
    const partly = elementsOf(blocks).find(
      (element) => element.action_id === 'starcoach:pair:point:0:partly',
    );
    expect(partly?.style).toBe('primary');
  });

  it('offers Submit once complete, and a heard flag toggles back off', () => {
    const complete = card(1, 1, {
      keyPoints: [{ index: 0, label: 'A', mark: 'covered' }],
      redFlags: [{ index: 0, label: 'F', why: 'w', heard: true }],
      overall: 4,
      complete: true,
    });
    const elements = elementsOf(scorecardBlocks(complete));
    const submit = elements.find((element) => element.action_id === 'starcoach:pair:submit');
    expect(decodePairAction(submit!.action_id!, submit!.value)).toEqual({
      type: 'submit',
      pairId: 'pair-1',
      round: 1,
    });
    const flag = elements.find((element) => element.action_id === 'starcoach:pair:flag:0');
    expect(flag?.style).toBe('primary');
    expect(decodePairAction(flag!.action_id!, flag!.value)).toMatchObject({ mark: { heard: false } });
  });

  it('keeps a long card in one message under Slack’s 50 blocks, every line still markable', () => {
    const long = card(30, 12);
    const blocks = scorecardBlocks(long);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const ids = elementsOf(blocks).map((element) => element.action_id);
    expect(ids).toContain('starcoach:pair:point:29:missed');
    expect(ids).toContain('starcoach:pair:flag:11');
    const [message, ...rest] = renderPairMessage({ type: 'scorecard', card: long, text: 'card' });
    expect(rest).toEqual([]);
    expect(message?.blocks.length).toBeLessThanOrEqual(50);
  });

  it('escapes the question and keeps only member mentions live', () => {
    const text = JSON.stringify(scorecardBlocks(card(1, 1)));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('<@UBOB>');
    const [notice] = renderPairMessage({ type: 'pair-notice', code: 'X', text: '<@UANN> ended it. <!here>' });
    expect(notice?.text).toBe('<@UANN> ended it. &lt;!here&gt;');
  });

  it('refuses presses it did not render', () => {
    expect(decodePairAction('starcoach:pair:point:0:covered', 'pair-1|2|point:0:covered')).toBeNull();
    expect(decodePairAction('starcoach:pair:point:0:covered', 'pair-1|0|point:0:great')).toBeNull();
    expect(decodePairAction('starcoach:pair:flag:0', 'pair-1|0|flag:x:on')).toBeNull();
    expect(decodePairAction('starcoach:pair:end', undefined)).toBeNull();
    expect(decodePairAction(leaveQueueId, 'C1')).toEqual({ type: 'leave', channel: 'C1' });
    expect(decodePairAction(leaveQueueId, '')).toEqual({ type: 'leave', channel: null });
  });

  it('puts the Leave queue button on a waiting answer only', () => {
    const waiting = pairReply('In the queue.', null);
    expect(elementsOf(waiting[0]!.blocks).map((element) => element.action_id)).toEqual([leaveQueueId]);
    expect(elementsOf(pairReply('Blocked.', undefined)[0]!.blocks)).toEqual([]);
  });
});
