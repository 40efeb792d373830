import { describe, expect, it } from 'vitest';
import { competencyName } from '../../src/core/messages.ts';
import { emptyHistory, type SessionRecord } from '../../src/core/records.ts';
import { questionView } from '../../src/core/session-machine.ts';
import { buildSummary } from '../../src/core/summary.ts';
import { miniPack } from '../support/core-harness.ts';

describe('the words a summary and a question show', () => {
  it('names competencies as people write them', () => {
    expect(competencyName('e-m-levels')).toBe('E/M levels');
    expect(competencyName('hipaa')).toBe('HIPAA');
    expect(competencyName('ncci')).toBe('NCCI');
    expect(competencyName('code-sets')).toBe('code sets');
    // "e-m" only as a word of its own: a slug that merely starts with the letters is left alone.
    expect(competencyName('e-mail-etiquette')).toBe('e mail etiquette');
    const question = { ...miniPack.questions[0]!, competencies: ['hipaa', 'e-m-levels'] };
    expect(questionView(question).competencies).toEqual(['HIPAA', 'E/M levels']);
  });
});

it('says what to drop and what to cover so that neither reads as the other', () => {
  const result = {
    questionId: miniPack.questions[0]!.id,
    kind: 'technical' as const,
    competencies: ['hipaa'],
    score: 2,
    missingPoints: ['Never looks at records out of curiosity'],
    redFlags: ['Dismisses certification'],
    starGaps: [],
    hinted: false,
  };
  const session = {
    v: 1,
    id: 's',
    owner: { platform: 'terminal', tenant: 'local', user: 'u' },
    channel: 'c',
    thread: null,
    packId: miniPack.id,
    options: { kind: null, level: null, count: 1, followUps: 0 },
    questionIds: [result.questionId],
    index: 1,
    status: 'ended',
    turn: null,
    results: [result],
    startedAt: 1,
    updatedAt: 1,
    drillDate: null,
    cohort: null,
  } as SessionRecord;
  const summary = buildSummary(session, miniPack, emptyHistory());
  expect(summary.workOn).toEqual([
    'Drop the red flag "Dismisses certification"',
    'Cover "Never looks at records out of curiosity"',
  ]);
  expect(summary.nextPractice).toContain('HIPAA');
});
