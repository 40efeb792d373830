/**
 * Two or three sentences a coach would say: a verbatim quote from the answer with what it shows
 * (or the one thing wrong with it), the most important gap and why it matters, and one next step.
 * The wording lives in feedback-text.ts.
 */
import type { Question } from '../content/pack-schema.ts';
import type { GradeReasonCode, StarPart } from '../core/grade-types.ts';
import { gapText, nextStepText, openingText } from './feedback-text.ts';
import type { FollowUpTarget } from './follow-up.ts';
import type { CompiledKeyPoint, Coverage } from './match-signals.ts';
import type { RaisedFlag } from './red-flags.ts';
import type { StarDetection } from './star-parts.ts';
import type { Sentence, Tokens } from './text-analysis.ts';

const QUOTE_WORDS = 12;
const QUOTE_CHARS = 120;

/**
 * A short quote taken verbatim from text[start, end): its first line, at most twelve words,
 * without trailing punctuation or a leading bullet. Empty when there is nothing to quote.
 */
export function shortQuote(text: string, start: number, end: number): string {
  let slice = text.slice(start, end);
  const newline = slice.search(/\S\s*\n/);
  if (newline >= 0) slice = slice.slice(0, newline + 1);
  slice = slice.replace(/^[\s\-*•–]+/, '');
  const words = /\S+/g;
  let count = 0;
  let cut = slice.length;
  for (let m = words.exec(slice); m !== null; m = words.exec(slice)) {
    count++;
    if (count === QUOTE_WORDS) {
      cut = m.index + m[0].length;
      break;
    }
  }
  return slice
    .slice(0, Math.min(cut, QUOTE_CHARS))
    .replace(/[\s.,;:!?]+$/, '')
    .trim();
}

export interface FeedbackContext {
  text: string;
  /** Where the newest answer starts in `text`: a follow-up's feedback quotes it, not the first answer. */
  latestFrom: number;
  question: Question;
  reasons: readonly GradeReasonCode[];
  flags: readonly RaisedFlag[];
  covered: readonly Coverage[];
  missing: readonly CompiledKeyPoint[];
  /** Key points the answer negated or waved away. */
  dismissed: readonly Coverage[];
  star: StarDetection | null;
  target: FollowUpTarget | null;
  score: number;
  tokens: Tokens;
  sentences: readonly Sentence[];
  stuffed: readonly Sentence[];
  echoes: readonly Sentence[];
}

function quoteOf(ctx: FeedbackContext, s: Sentence | undefined): string {
  return s ? shortQuote(ctx.text, s.start, s.end) : '';
}

const CLAUSE_BREAKS = new Set([',', ';', ':', '—', '–', 'but', 'so']);
const WORDS_BEFORE_MATCH = 6;

/** A quote that shows the matched words: from the start of their clause, at most six words before them. */
function quoteNear(ctx: FeedbackContext, s: Sentence, at: number): string {
  const t = ctx.tokens;
  if (at < s.from || at >= s.to) return quoteOf(ctx, s);
  let start = s.from;
  let words = 0;
  for (let i = at - 1; i >= s.from; i--) {
    if (CLAUSE_BREAKS.has(t.lower[i]!)) {
      start = i + 1;
      break;
    }
    if (t.isWord[i] && ++words > WORDS_BEFORE_MATCH) {
      start = i + 1;
      break;
    }
  }
  while (start < at && !t.isWord[start]) start++;
  return shortQuote(ctx.text, t.start[start]!, s.end);
}

/** The listed terms of a stuffed sentence: from the first run of four words without a function word. */
function stuffedQuote(ctx: FeedbackContext, s: Sentence): string {
  const t = ctx.tokens;
  let run = 0;
  let runStart = s.from;
  for (let i = s.from; i < s.to; i++) {
    if (!t.isWord[i]) continue;
    if (t.stop[i]) {
      run = 0;
      continue;
    }
    if (run === 0) runStart = i;
    run++;
    if (run === 4) return shortQuote(ctx.text, t.start[runStart]!, s.end);
  }
  return quoteOf(ctx, s);
}

const STAR_SHOW_ORDER: readonly StarPart[] = ['action', 'result', 'task', 'situation'];

function opening(ctx: FeedbackContext): string {
  const flag = ctx.flags[0];
  if (flag) {
    const q = quoteNear(ctx, flag.sentence, flag.at);
    if (q) return openingText.redFlag(q, flag.why);
  }
  if (ctx.reasons.includes('instruction-ignored')) {
    // Quote what the answer said, never the instruction itself: repeating it would pass it on.
    const point = ctx.covered.find((c) => c.sentence !== null);
    const q = point?.sentence ? quoteNear(ctx, point.sentence, point.at) : quoteOf(ctx, ctx.sentences[0]);
    return q ? openingText.instruction(q) : openingText.instructionNoQuote;
  }
  if (ctx.reasons.includes('repeats-question')) {
    const q = quoteOf(ctx, ctx.echoes[0] ?? ctx.sentences[0]);
    if (q) return openingText.repeats(q);
  }
  const stuffed = ctx.stuffed[0];
  if (ctx.reasons.includes('keyword-stuffing') && stuffed) {
    const q = stuffedQuote(ctx, stuffed);
    if (q) return openingText.stuffing(q);
  }
  if (ctx.reasons.includes('too-short')) {
    const q = quoteOf(ctx, ctx.sentences[0]);
    return q ? openingText.tooShort(q) : openingText.empty;
  }
  if (ctx.star?.actionOnlyWe && ctx.star.states.action !== 'present') {
    const q = quoteOf(ctx, ctx.star.evidence.action);
    if (q) return openingText.weAction(q);
  }
  const latest = (s: Sentence | null | undefined): s is Sentence => !!s && s.start >= ctx.latestFrom;
  const point = ctx.covered.find((c) => latest(c.sentence));
  if (point?.sentence) {
    const q = quoteNear(ctx, point.sentence, point.at);
    if (q) return openingText.covered(q, point.label);
  }
  if (ctx.star) {
    for (const part of STAR_SHOW_ORDER) {
      const evidence = ctx.star.evidence[part];
      if (ctx.star.states[part] !== 'present' || !latest(evidence)) continue;
      const q = quoteOf(ctx, evidence);
      if (q) return openingText.starPart(q, part);
    }
  }
  if (ctx.latestFrom > 0) {
    // A follow-up answer that adds no point of its own: quote it, and say the earlier answer still counts.
    const q = quoteOf(
      ctx,
      ctx.sentences.find((s) => s.start >= ctx.latestFrom),
    );
    if (q) return openingText.addedNothing(q);
  }
  const q = quoteOf(ctx, ctx.sentences[0]);
  return q ? openingText.nothing(q) : openingText.empty;
}

function gap(ctx: FeedbackContext): string | null {
  const waved = ctx.dismissed[0];
  if (waved && ctx.flags.length === 0) return gapText.dismissed(waved.label);
  const first = ctx.missing[0];
  if (first) return gapText.missingPoint(first.label, ctx.question.checking);
  if (ctx.star) {
    for (const part of ['result', 'action', 'task', 'situation'] as const) {
      const state = ctx.star.states[part];
      if (state !== 'present') return gapText.starGap(part, state);
    }
  }
  if (ctx.flags.length > 0 || ctx.score <= 2) return null;
  return gapText.allCovered(ctx.star !== null);
}

function nextStep(ctx: FeedbackContext): string {
  // Unsafe practice first: what to do instead matters more than any gap.
  const instead = ctx.flags[0]?.instead;
  if (instead) return nextStepText.redFlagInstead(instead);
  const t = ctx.target;
  if (t) {
    if (t.kind === 'story') return nextStepText.story;
    if (t.kind === 'star' && t.part)
      return t.teamOnly ? nextStepText.star.actionWe : nextStepText.star[t.part];
    if (t.kind === 'key-point' && t.label) return nextStepText.keyPoint(t.label);
    if (t.kind === 'red-flag') return nextStepText.redFlag;
    return nextStepText.followUp;
  }
  return ctx.score >= 5 ? nextStepText.strong : nextStepText.good;
}

/** The feedback paragraph: two or three sentences, deterministic. */
export function composeFeedback(ctx: FeedbackContext): string {
  const parts = [opening(ctx), gap(ctx), nextStep(ctx)].filter(
    (p): p is string => p !== null && p.length > 0,
  );
  return parts.join(' ');
}
