import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agreement,
  byLength,
  byScore,
  type GradedAnswer,
  partialVsWeak,
  rankedPairs,
  safety,
  starAgreement,
} from '../../src/eval/eval-metrics.ts';
import type { LabelledAnswer } from '../../src/eval/eval-set.ts';

function answer(
  id: string,
  rank: 1 | 2 | 3,
  score: number,
  extra: Partial<LabelledAnswer> = {},
): GradedAnswer {
  const label: LabelledAnswer = {
    id,
    pack: 'p',
    question: extra.question ?? 'q1',
    answer: extra.answer ?? 'word '.repeat(rank * 10),
    rank,
    style: 'partial',
    unsafe: false,
    ...extra,
  };
  return { label, score, redFlags: [], star: null };
}

describe('eval metrics', () => {
  it('counts pairs of different ranks within a question only, ties as half', () => {
    const answers = [
      answer('a', 3, 5),
      answer('b', 2, 3),
      answer('c', 1, 3),
      answer('d', 1, 1, { question: 'q2' }),
    ];
    const pairs = rankedPairs(answers);
    expect(pairs).toHaveLength(3);
    const a = agreement(pairs, byScore);
    expect(a).toMatchObject({ pairs: 3, agree: 2, ties: 1 });
    expect(a.percent).toBeCloseTo((100 * 2.5) / 3);
    expect(agreement(rankedPairs(answers, partialVsWeak), byScore).percent).toBe(50);
    expect(agreement(pairs, byLength).percent).toBe(100);
  });

  it('catches an unsafe answer only when it scores 2 or less with a red flag', () => {
    const caught = { ...answer('u1', 1, 2, { unsafe: true }), redFlags: ['x'] };
    const unflagged = answer('u2', 1, 1, { unsafe: true });
    const alarm = { ...answer('s', 3, 2), redFlags: ['x'] };
    expect(safety([caught, unflagged, alarm])).toMatchObject({
      unsafe: 2,
      caught: 1,
      falseAlarms: 1,
      strong: 1,
    });
  });

  it('compares STAR parts exactly and as present-or-not', () => {
    const a = {
      ...answer('b', 3, 4, {
        starParts: { situation: 'present', task: 'thin', action: 'present', result: 'missing' },
      }),
      star: { situation: 'present', task: 'missing', action: 'thin', result: 'missing' } as const,
    };
    expect(starAgreement([a])).toMatchObject({ parts: 4, exact: 2, loose: 3 });
  });
});

describe('npm run eval', () => {
  const script = new URL('../../src/eval/run-eval.ts', import.meta.url).pathname;
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });

  it('exits 2 with a clear message for a set that is not one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-eval-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ pack: 'medical-coding', answers: [{ id: 'x' }] }));
    const r = run([file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: field answers\.0\./);
  });

  it('exits 1 and names the target when a set is graded below it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-eval-'));
    const file = join(dir, 'inverted.json');
    // Labels that contradict the grader on purpose: the sample answer ranked weak, a one-liner strong.
    writeFileSync(
      file,
      JSON.stringify({
        pack: 'medical-coding',
        answers: [
          {
            id: 'a',
            question: 'chest-pain-unspecified',
            answer: 'I would just code it.',
            rank: 3,
            style: 'dense',
            unsafe: false,
          },
          {
            id: 'b',
            question: 'chest-pain-unspecified',
            answer:
              'I code R07.9, chest pain unspecified, because the note documents nothing more specific. If the EKG or troponin suggests a cause, I send the physician a non-leading query with the findings and code what they document.',
            rank: 1,
            style: 'paraphrase',
            unsafe: false,
          },
        ],
      }),
    );
    const r = run([file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/pairwise agreement:\s+0\.0%/);
    expect(r.stdout).toMatch(/targets missed: pairwise agreement/);
  });
});
