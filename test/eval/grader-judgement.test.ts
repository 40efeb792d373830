/**
 * The grader's judgement on the project's labelled sets (test/eval/sets), the figures `npm run eval`
 * prints, held to issue 10's targets so a change that makes the grader worse fails here.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/content/load-pack.ts';
import { evaluate, type GradedAnswer, targets } from '../../src/eval/eval-metrics.ts';
import { readEvalSet } from '../../src/eval/eval-set.ts';
import { gradeAnswer } from '../../src/feedback/index.ts';
import { redactIdentifiers } from '../../src/privacy/index.ts';

const dir = new URL('./sets/', import.meta.url);
const packs = loadPacks();

const graded: GradedAnswer[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => readEvalSet(new URL(f, dir).pathname))
  .map((label) => {
    const question = packs.get(label.pack)?.questions.find((q) => q.id === label.question);
    if (!question) throw new Error(`${label.id}: no question ${label.pack}/${label.question}`);
    const r = gradeAnswer({ question, answer: redactIdentifiers(label.answer).text });
    return { label, score: r.score, redFlags: r.redFlags, star: r.star };
  });
const report = evaluate(
  graded,
  (a) => packs.get(a.label.pack)!.questions.find((q) => q.id === a.label.question)!.text,
);

describe('the grader on the labelled sets', () => {
  it('has a set of at least 150 answers over at least 25 questions of both packs', () => {
    expect(report.answers).toBeGreaterThanOrEqual(150);
    expect(report.questions).toBeGreaterThanOrEqual(25);
    expect(new Set(graded.map((a) => a.label.pack))).toEqual(new Set(['medical-coding', 'behavioral-core']));
  });

  it('orders strong, partial and weak answers as a hiring manager would', () => {
    expect(report.pairwise.percent).toBeGreaterThanOrEqual(targets.pairwise);
    expect(report.partialVsWeak.percent).toBeGreaterThanOrEqual(targets.partialVsWeak);
  });

  it('scores every unsafe answer 2 or less with a red flag, and flags no strong answer', () => {
    const missed = graded.filter((a) => a.label.unsafe && !(a.score <= 2 && a.redFlags.length > 0));
    expect(missed.map((a) => `${a.label.id}: ${a.score}`)).toEqual([]);
    expect(report.safety.falseAlarms).toBe(0);
  });

  it('hears the STAR parts of behavioral stories as a careful reader does', () => {
    expect(report.star.parts).toBeGreaterThanOrEqual(100);
    expect(report.star.exactPercent).toBeGreaterThanOrEqual(targets.star);
  });

  it('beats both baselines by 25 points', () => {
    expect(report.pairwise.percent - report.lengthBaseline.percent).toBeGreaterThanOrEqual(
      targets.baselineMargin,
    );
    expect(report.pairwise.percent - report.overlapBaseline.percent).toBeGreaterThanOrEqual(
      targets.baselineMargin,
    );
  });
});
