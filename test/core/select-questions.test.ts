import { describe, expect, it } from 'vitest';
import { emptyHistory, type HistoryRecord } from '../../src/core/records.ts';
import { selectQuestions } from '../../src/core/select-questions.ts';
import { miniPack } from '../support/core-harness.ts';

const noJitter = () => 0;
const all = { kind: null, level: null, count: 3 } as const;

function historyWith(seen: string[], scores: Record<string, number> = {}): HistoryRecord {
  const attempts = Object.entries(scores).map(([questionId, score], at) => {
    const question = miniPack.questions.find((candidate) => candidate.id === questionId)!;
    return {
      at,
      packId: 'mini',
      questionId,
      kind: question.kind,
      competencies: question.competencies,
      score,
    };
  });
  return {
    ...emptyHistory(),
    attempts,
    seen: seen.map((questionId, at) => ({ packId: 'mini', questionId, at })),
  };
}

describe('selectQuestions', () => {
  it('filters by kind and level', () => {
    expect(
      selectQuestions(miniPack, { ...all, kind: 'behavioral' }, emptyHistory(), noJitter).map((q) => q.id),
    ).toEqual(['error-caught']);
    expect(
      selectQuestions(miniPack, { ...all, level: 'senior' }, emptyHistory(), noJitter).map((q) => q.id),
    ).toEqual(['upcoding']);
    expect(
      selectQuestions(miniPack, { kind: 'behavioral', level: 'senior', count: 3 }, emptyHistory(), noJitter),
    ).toEqual([]);
  });

  it('puts recently seen questions last, the most recent at the very end', () => {
    const order = selectQuestions(miniPack, all, historyWith(['chest-pain', 'error-caught']), noJitter).map(
      (q) => q.id,
    );
    expect(order).toEqual(['upcoding', 'chest-pain', 'error-caught']);
  });

  it('favours questions on weak competencies among those not seen recently', () => {
    // compliance (upcoding) was answered badly long ago; documentation and ownership went well.
    const history = historyWith([], { upcoding: 1, 'chest-pain': 5, 'error-caught': 5 });
    const order = selectQuestions(miniPack, all, history, noJitter).map((q) => q.id);
    expect(order[0]).toBe('upcoding');
  });

  it('takes at most count questions', () => {
    expect(selectQuestions(miniPack, { ...all, count: 2 }, emptyHistory(), Math.random)).toHaveLength(2);
  });
});
