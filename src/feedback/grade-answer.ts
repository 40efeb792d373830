/**
 * The offline rubric grader: pure, deterministic, no network and no I/O.
 *
 * A follow-up answer is graded together with the answer(s) it follows up on, as one text. To never
 * repeat a follow-up, the grader replays the earlier rounds: it grades previous[0], then
 * previous[0..1], … and collects the follow-up each round would have asked; the new follow-up skips
 * those. A caller that tracks the follow-ups it asked passes them as `followUpsAsked` instead, and
 * the replay is skipped. The replay is exact as long as the caller asked what this grader proposed.
 */
import type { Question } from '../content/pack-schema.ts';
import { type GradeReasonCode, type GradeResult, starParts } from '../core/grade-types.ts';
import { composeFeedback } from './compose-feedback.ts';
import { type FollowUpTarget, followUpTargets, pickFollowUp } from './follow-up.ts';
import { removeInstructions, repeatsQuestion, sortSentences } from './guards.ts';
import { type Coverage, compileQuestion, coverKeyPoints } from './match-signals.ts';
import { extractCodes, maskCodes } from './medical-codes.ts';
import { findRedFlags } from './red-flags.ts';
import { computeScore, isThin, MIN_REAL_WORDS } from './score.ts';
import { storyClauses } from './star-clauses.ts';
import { detectStar, type StarDetection } from './star-parts.ts';
import { analysePrepared, type Sentence, type TextAnalysis } from './text-analysis.ts';

export interface GradeInput {
  question: Question;
  answer: string;
  /** the earlier answer(s) this one follows up on */
  previous?: string[];
  /** Follow-up questions already asked for this question, if the caller tracks them: none is asked again. */
  followUpsAsked?: string[];
}

/** How answers and the follow-ups to them are joined into the one text that is graded. */
export const ANSWER_SEPARATOR = '\n\n';

/** Answers are read up to this many characters (about 3,000 words). */
const MAX_CHARS = 20_000;

/** Stuffed "sentences" this long or longer are reported as keyword stuffing. */
const STUFFING_MIN_WORDS = 5;

interface Round {
  result: GradeResult;
  target: FollowUpTarget | null;
}

interface Prepared {
  /** The text that was read (at most MAX_CHARS of the answer). */
  text: string;
  analysis: TextAnalysis;
  /** Character ranges removed as instructions to the grader. */
  removed: Array<[number, number]>;
}

/** Codes out, instructions to the grader blanked, then wink on what is left (offsets unchanged). */
function prepare(fullText: string, wantedKeys: ReadonlySet<string>): Prepared {
  // Far more than any spoken answer; it bounds the time spent.
  const text = fullText.length > MAX_CHARS ? fullText.slice(0, MAX_CHARS) : fullText;
  const allCodes = extractCodes(text);
  const removal = removeInstructions(maskCodes(text, allCodes));
  const codes = allCodes.filter((c) => removal.text.charCodeAt(c.start) === 120 /* x */);
  return { text, analysis: analysePrepared(text, removal.text, codes, wantedKeys), removed: removal.removed };
}

interface ReasonInput {
  wordCount: number;
  realWords: number;
  repeats: boolean;
  stuffing: boolean;
  instructions: boolean;
  redFlags: boolean;
}

function reasonsFor(r: ReasonInput): GradeReasonCode[] {
  const reasons: GradeReasonCode[] = [];
  // Too short: little text, or little real text that no other guard explains.
  if (r.wordCount < MIN_REAL_WORDS || (r.realWords < MIN_REAL_WORDS && !r.repeats && !r.stuffing)) {
    reasons.push('too-short');
  }
  if (r.repeats) reasons.push('repeats-question');
  if (r.stuffing) reasons.push('keyword-stuffing');
  if (r.instructions) reasons.push('instruction-ignored');
  if (r.redFlags) reasons.push('red-flag');
  return reasons;
}

/** STAR parts, then key points, each with its sentence verbatim. */
function collectEvidence(
  text: string,
  star: StarDetection | null,
  covered: readonly Coverage[],
): GradeResult['evidence'] {
  const evidence: GradeResult['evidence'] = [];
  for (const part of starParts) {
    const s = star?.evidence[part];
    if (s) evidence.push({ for: part, quote: text.slice(s.start, s.end) });
  }
  for (const c of covered) {
    if (c.sentence) evidence.push({ for: c.label, quote: text.slice(c.sentence.start, c.sentence.end) });
  }
  return evidence;
}

/** Share of the counted sentences that use the rubric's words at all: rambling stays low. */
function onTopicShare(counted: readonly Sentence[]): number {
  if (counted.length === 0) return 0;
  return counted.filter((s) => s.keys.size > 0 || s.codes.size > 0).length / counted.length;
}

/** `latestFrom`: where the newest answer starts in `fullText` (0 unless it follows up on earlier ones). */
function gradeText(question: Question, fullText: string, asked: ReadonlySet<string>, latestFrom = 0): Round {
  const compiled = compileQuestion(question);
  const { text, analysis, removed } = prepare(fullText, compiled.wantedKeys);
  const sorted = sortSentences(analysis, compiled.question);
  const tokens = analysis.tokens;

  const flags = findRedFlags(compiled, tokens, sorted.counted);
  const coverage = coverKeyPoints(compiled, sorted.counted, {
    tokens,
    flagged: new Set(flags.map((f) => f.sentence)),
  });
  const covered = coverage.filter((c) => c.sentence !== null);
  const missing = compiled.keyPoints.filter((_, i) => coverage[i]!.sentence === null);
  const dismissed = coverage.filter((c) => c.dismissed !== null);
  const star = question.kind === 'behavioral' ? detectStar(tokens, storyClauses(tokens, sorted.story)) : null;

  const repeats =
    covered.length === 0 && flags.length === 0 && repeatsQuestion(analysis, compiled.question, sorted.echo);
  const reasons = reasonsFor({
    wordCount: analysis.wordCount,
    realWords: sorted.realWords,
    repeats,
    stuffing: sorted.stuffed.some((s) => s.words >= STUFFING_MIN_WORDS),
    instructions: removed.length > 0,
    redFlags: flags.length > 0,
  });
  const score = computeScore({
    behavioral: star !== null,
    covered: covered.length,
    total: compiled.keyPoints.length,
    star: star?.states ?? null,
    redFlags: flags.length,
    dismissed: dismissed.length,
    onTopic: onTopicShare(sorted.counted),
    realWords: sorted.realWords,
    repeatsQuestion: repeats,
  });
  const thin = isThin(score, star?.states ?? null, missing.length, compiled.keyPoints.length);
  const target = thin ? pickFollowUp(followUpTargets({ question, star, missing, flags }), asked) : null;
  const feedback = composeFeedback({
    text,
    latestFrom,
    question,
    reasons,
    flags,
    covered,
    missing,
    dismissed,
    star,
    target,
    score,
    tokens,
    sentences: analysis.sentences,
    stuffed: sorted.stuffed,
    echoes: analysis.sentences.filter((_, i) => sorted.echo[i]),
  });
  const result: GradeResult = {
    score,
    star: star ? { ...star.states } : null,
    evidence: collectEvidence(text, star, covered),
    coveredPoints: covered.map((c) => c.label),
    missingPoints: missing.map((kp) => kp.label),
    redFlags: flags.map((f) => f.label),
    followUp: target ? target.text : null,
    feedback,
    reasons,
  };
  return { result, target };
}

function joinAnswers(answers: readonly string[]): string {
  return answers.filter((a) => a.trim().length > 0).join(ANSWER_SEPARATOR);
}

/**
 * The follow-ups already asked: the caller's list when it keeps one, else the ones this grader
 * proposed for previous[0], previous[0..1], … (a replay of the earlier rounds).
 */
function askedBefore(input: GradeInput, previous: readonly string[]): Set<string> {
  if (input.followUpsAsked) return new Set(input.followUpsAsked);
  const asked = new Set<string>();
  for (let k = 1; k <= previous.length; k++) {
    const round = gradeText(input.question, joinAnswers(previous.slice(0, k)), asked);
    if (round.target) asked.add(round.target.key);
  }
  return asked;
}

/** Grade an answer (with the earlier answers it follows up on, if any) against the question's rubric. */
export function gradeAnswer(input: GradeInput): GradeResult {
  const previous = input.previous ?? [];
  const asked = askedBefore(input, previous);
  const earlier = joinAnswers(previous);
  const text = joinAnswers([...previous, input.answer]);
  // The feedback quotes what was just said, not the first answer again.
  const latestFrom = earlier && text.length > earlier.length ? earlier.length + ANSWER_SEPARATOR.length : 0;
  return gradeText(input.question, text, asked, latestFrom).result;
}
