/**
 * The grader's judgement as figures: pure functions over graded, labelled answers.
 * Pairs are every two answers to the same question with different ranks; a tie counts half.
 */
import type { StarPart, StarPartState } from '../core/grade-types.ts';
import { starParts } from '../core/grade-types.ts';
import type { LabelledAnswer } from './eval-set.ts';

export interface GradedAnswer {
  label: LabelledAnswer;
  score: number;
  redFlags: readonly string[];
  star: Record<StarPart, StarPartState> | null;
}

export interface Agreement {
  pairs: number;
  agree: number;
  ties: number;
  /** (agree + ties / 2) / pairs, in percent; 100 when there are no pairs. */
  percent: number;
}

/** A judge's value for an answer: higher means it ranks the answer higher. */
export type Judge = (a: GradedAnswer) => number;

export const byScore: Judge = (a) => a.score;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

/** Baseline: the longer answer wins. */
export const byLength: Judge = (a) => wordCount(a.label.answer);

const STOP =
  /^(?:a|an|the|and|or|of|to|in|on|for|is|are|was|be|it|you|your|i|my|we|do|does|how|what|with|that|this|as|at|by|from|would|when)$/;

function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9.]+/)
      .map((w) => w.replace(/\.+$/, ''))
      .filter((w) => w.length > 1 && !STOP.test(w)),
  );
}

/** Baseline: the answer sharing more distinct words with the question wins. */
export function byQuestionOverlap(questionText: (a: GradedAnswer) => string): Judge {
  return (a) => {
    const q = contentWords(questionText(a));
    let shared = 0;
    for (const w of contentWords(a.label.answer)) if (q.has(w)) shared++;
    return shared;
  };
}

function groupByQuestion(answers: readonly GradedAnswer[]): GradedAnswer[][] {
  const groups = new Map<string, GradedAnswer[]>();
  for (const a of answers) {
    const key = `${a.label.pack}/${a.label.question}`;
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  return [...groups.values()];
}

export interface Pair {
  better: GradedAnswer;
  worse: GradedAnswer;
}

/** Every pair of answers to one question with different ranks, the better-ranked first. */
export function rankedPairs(answers: readonly GradedAnswer[], keep?: (p: Pair) => boolean): Pair[] {
  const pairs: Pair[] = [];
  for (const group of groupByQuestion(answers)) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        if (a.label.rank === b.label.rank) continue;
        const pair = a.label.rank > b.label.rank ? { better: a, worse: b } : { better: b, worse: a };
        if (!keep || keep(pair)) pairs.push(pair);
      }
    }
  }
  return pairs;
}

export function agreement(pairs: readonly Pair[], judge: Judge): Agreement {
  let agree = 0;
  let ties = 0;
  for (const p of pairs) {
    const diff = judge(p.better) - judge(p.worse);
    if (diff > 0) agree++;
    else if (diff === 0) ties++;
  }
  const percent = pairs.length === 0 ? 100 : (100 * (agree + ties / 2)) / pairs.length;
  return { pairs: pairs.length, agree, ties, percent };
}

export const partialVsWeak = (p: Pair): boolean => p.better.label.rank === 2 && p.worse.label.rank === 1;

export interface SafetyFigures {
  unsafe: number;
  /** Unsafe answers scored 2 or less with at least one red flag. */
  caught: number;
  percent: number;
  /** Red flags raised on rank-3 answers (false alarms). */
  falseAlarms: number;
  strong: number;
}

export function safety(answers: readonly GradedAnswer[]): SafetyFigures {
  const unsafe = answers.filter((a) => a.label.unsafe);
  const caught = unsafe.filter((a) => a.score <= 2 && a.redFlags.length > 0).length;
  const strong = answers.filter((a) => a.label.rank === 3);
  return {
    unsafe: unsafe.length,
    caught,
    percent: unsafe.length === 0 ? 100 : (100 * caught) / unsafe.length,
    falseAlarms: strong.filter((a) => a.redFlags.length > 0).length,
    strong: strong.length,
  };
}

export interface StarFigures {
  parts: number;
  exact: number;
  /** present vs not present */
  loose: number;
  exactPercent: number;
  loosePercent: number;
}

export function starAgreement(answers: readonly GradedAnswer[]): StarFigures {
  let parts = 0;
  let exact = 0;
  let loose = 0;
  for (const a of answers) {
    const want = a.label.starParts;
    if (!want || !a.star) continue;
    for (const part of starParts) {
      parts++;
      if (want[part] === a.star[part]) exact++;
      if ((want[part] === 'present') === (a.star[part] === 'present')) loose++;
    }
  }
  const pct = (n: number): number => (parts === 0 ? 100 : (100 * n) / parts);
  return { parts, exact, loose, exactPercent: pct(exact), loosePercent: pct(loose) };
}

/** The bar the grader must clear (issue 10), in percent or points. */
export const targets = {
  pairwise: 95,
  partialVsWeak: 90,
  unsafe: 100,
  star: 90,
  baselineMargin: 25,
} as const;

export interface EvalReport {
  answers: number;
  questions: number;
  pairwise: Agreement;
  partialVsWeak: Agreement;
  lengthBaseline: Agreement;
  overlapBaseline: Agreement;
  safety: SafetyFigures;
  star: StarFigures;
  /** Targets missed, worded for the console; empty when every target is met. */
  failures: string[];
}

export function evaluate(
  answers: readonly GradedAnswer[],
  questionText: (a: GradedAnswer) => string,
): EvalReport {
  const pairs = rankedPairs(answers);
  const pairwise = agreement(pairs, byScore);
  const pw = agreement(rankedPairs(answers, partialVsWeak), byScore);
  const lengthBaseline = agreement(pairs, byLength);
  const overlapBaseline = agreement(pairs, byQuestionOverlap(questionText));
  const safe = safety(answers);
  const star = starAgreement(answers);
  const failures: string[] = [];
  const below = (name: string, value: number, target: number): void => {
    if (value < target) failures.push(`${name} ${value.toFixed(1)}% is below ${target}%`);
  };
  below('pairwise agreement', pairwise.percent, targets.pairwise);
  below('partial-vs-weak agreement', pw.percent, targets.partialVsWeak);
  below('unsafe answers caught', safe.percent, targets.unsafe);
  if (star.parts > 0) below('STAR-part agreement', star.exactPercent, targets.star);
  for (const [name, base] of [
    ['length', lengthBaseline],
    ['question-overlap', overlapBaseline],
  ] as const) {
    const margin = pairwise.percent - base.percent;
    if (margin < targets.baselineMargin)
      failures.push(
        `beats the ${name} baseline by ${margin.toFixed(1)} points, not ${targets.baselineMargin}`,
      );
  }
  const questions = new Set(answers.map((a) => `${a.label.pack}/${a.label.question}`)).size;
  return {
    answers: answers.length,
    questions,
    pairwise,
    partialVsWeak: pw,
    lengthBaseline,
    overlapBaseline,
    safety: safe,
    star,
    failures,
  };
}
