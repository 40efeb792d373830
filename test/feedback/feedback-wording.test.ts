import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/content/load-pack.ts';
import { gradeAnswer } from '../../src/feedback/grade-answer.ts';

const pack = loadPacks().get('medical-coding')!;

describe('feedback wording', () => {
  it('runs what the interviewer checks into the sentence without a stray capital', () => {
    const question = pack.questions.find((candidate) => candidate.id === 'complex-multiple-codes')!;
    const { feedback } = gradeAnswer({
      question,
      answer: 'I would code R07.9 because only chest pain is documented and query the physician.',
    });
    expect(feedback).toMatch(/the interviewer is checking a systematic approach/);
  });
});
