/**
 * Signal matching. A signal matches a sentence when every content word of the signal (lemma or stem)
 * and every code in it occur in that one sentence. Signals are compiled once per question and cached.
 */
import type { Question } from '../content/pack-schema.ts';
import { isClaim, STUFFED_LIST_POINTS } from './claims.ts';
import { type QuestionWords, questionWords } from './guards.ts';
import { isSignalWord, NEGATION_KEY, wordKeys } from './match-keys.ts';
import { stanceOf } from './stance.ts';
import { analyseText, type Sentence, type Tokens } from './text-analysis.ts';

export interface CompiledSignal {
  text: string;
  /** One entry per content word: the keys any of which shows that word. */
  words: string[][];
  /** Normalised codes that must appear exactly. */
  codes: string[];
  /** The signal itself says "not"/"never"/"without", so a negation in the sentence is part of the match. */
  hasNegation: boolean;
}

export interface CompiledKeyPoint {
  label: string;
  probe: string | undefined;
  signals: CompiledSignal[];
}

export interface CompiledRedFlag {
  label: string;
  why: string;
  instead: string | undefined;
  signals: CompiledSignal[];
}

export interface CompiledQuestion {
  keyPoints: CompiledKeyPoint[];
  redFlags: CompiledRedFlag[];
  /** The question text's content words and codes. */
  question: QuestionWords;
  /** Every key any signal of the question looks for: sentences keep only these. */
  wantedKeys: Set<string>;
  /** Every red-flag signal, in pack order (flag, then signal): what `flagSlotsByFirstKey` points into. */
  flagSlots: FlagSlot[];
  /** Key of a signal's first word → its slots, so a sentence tries only signals that can start in it. */
  flagSlotsByFirstKey: Map<string, number[]>;
  /** Slots of signals made of codes alone: tried in every sentence. */
  codeOnlyFlagSlots: number[];
}

export interface FlagSlot {
  flag: number;
  signal: CompiledSignal;
}

function indexFlagSignals(
  redFlags: readonly CompiledRedFlag[],
): Pick<CompiledQuestion, 'flagSlots' | 'flagSlotsByFirstKey' | 'codeOnlyFlagSlots'> {
  const flagSlots: FlagSlot[] = [];
  const flagSlotsByFirstKey = new Map<string, number[]>();
  const codeOnlyFlagSlots: number[] = [];
  redFlags.forEach((flag, f) => {
    for (const signal of flag.signals) {
      const id = flagSlots.push({ flag: f, signal }) - 1;
      const first = signal.words[0];
      if (first === undefined) {
        codeOnlyFlagSlots.push(id);
        continue;
      }
      for (const key of new Set(first)) {
        const list = flagSlotsByFirstKey.get(key);
        if (list) list.push(id);
        else flagSlotsByFirstKey.set(key, [id]);
      }
    }
  });
  return { flagSlots, flagSlotsByFirstKey, codeOnlyFlagSlots };
}

/** Function words that change what a red flag means ("whatever the physician says", "every claim"). */
const FLAG_FUNCTION_WORDS = new Set([
  'whatever',
  'whenever',
  'always',
  'every',
  'all',
  'just',
  'anything',
  'everything',
  'anyway',
]);
const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * Compile one signal. Key points use content words only. Red flags (`flag`) also keep the function
 * words that change their meaning, and when stop words would leave a signal of several words with one
 * content word ("go along with the physician", "reported them"), every word but the articles. Signals with neither a content word
 * nor a code can never match and are dropped.
 */
export function compileSignal(text: string, flag = false, exact = false): CompiledSignal | null {
  const analysis = analyseText(text);
  const t = analysis.tokens;
  const codes = [...new Set(analysis.codes.map((c) => c.code))];
  const hasModifier = codes.some((c) => c.startsWith('MOD:'));
  const content: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < t.value.length; i++) {
    if (!t.isWord[i] || t.isCode[i]) continue;
    // "modifier 25": the code says it all, and "-25" alone must match too.
    if (hasModifier && t.lower[i]!.startsWith('modifier')) continue;
    if (!ARTICLES.has(t.lower[i]!)) all.push(i);
    if (isSignalWord(t, i) || (flag && FLAG_FUNCTION_WORDS.has(t.lower[i]!))) content.push(i);
  }
  // A pack's common flags apply to every question, so they match as written (articles aside), in order.
  const chosen = exact || (flag && content.length <= 1 && all.length >= 2) ? all : content;
  const words = chosen.map((i) =>
    isSignalWord(t, i) ? [...new Set(wordKeys(t.lower[i]!, t.lemma[i]!, t.stem[i]!))] : [t.lemma[i]!],
  );
  if (words.length === 0 && codes.length === 0) return null;
  const hasNegation = words.some((w) => w.includes(NEGATION_KEY) || w.includes('without'));
  return { text, words, codes, hasNegation };
}

/**
 * Compiled signals by text and mode. A pack's common red flags are part of every question, and many
 * signals recur across questions: each is analysed once, not once per question.
 */
const compiledSignals = new Map<string, CompiledSignal | null>();

function compileSignals(signals: readonly string[], flag = false, exact = false): CompiledSignal[] {
  const out: CompiledSignal[] = [];
  for (const s of signals) {
    const memoKey = `${flag ? 'f' : 'k'}${exact ? 'e' : ''}\n${s}`;
    let c = compiledSignals.get(memoKey);
    if (c === undefined) {
      c = compileSignal(s, flag, exact);
      compiledSignals.set(memoKey, c);
    }
    if (c) out.push(c);
  }
  return out;
}

const cache = new WeakMap<Question, CompiledQuestion>();

/** The question's signals and question words, compiled once per question object. */
export function compileQuestion(question: Question): CompiledQuestion {
  const cached = cache.get(question);
  if (cached) return cached;
  const keyPoints = question.keyPoints.map((kp) => ({
    label: kp.label,
    probe: kp.probe,
    signals: compileSignals(kp.signals),
  }));
  const redFlags = question.redFlags.map((rf) => ({
    label: rf.label,
    why: rf.why,
    instead: rf.instead,
    signals: compileSignals(rf.signals, true, rf.common === true),
  }));
  const wantedKeys = new Set<string>();
  for (const item of [...keyPoints, ...redFlags]) {
    for (const signal of item.signals)
      for (const alternatives of signal.words) for (const k of alternatives) wantedKeys.add(k);
  }
  const compiled: CompiledQuestion = {
    keyPoints,
    redFlags,
    question: questionWords(analyseText(question.text)),
    wantedKeys,
    ...indexFlagSignals(redFlags),
  };
  cache.set(question, compiled);
  return compiled;
}

/**
 * Token positions of the matched words (in signal order), or null when the signal does not match.
 * `ordered`: the words must also appear in the signal's order (used for red flags, where
 * "the physician wanted me to code" must not read as "code what the physician wants").
 */
export function matchSignal(sentence: Sentence, signal: CompiledSignal, ordered = false): number[] | null {
  for (const code of signal.codes) {
    if (!sentence.codes.has(code)) return null;
  }
  // Most signals miss most sentences: rule that out before building anything. (Plain loops: this runs
  // for every signal on every sentence, and closures here were a large share of a grade's garbage.)
  const keys = sentence.keys;
  for (const alternatives of signal.words) {
    if (!anyKey(keys, alternatives)) return null;
  }
  if (!ordered) {
    const positions: number[] = [];
    for (const alternatives of signal.words) positions.push(firstAfter(keys, alternatives, -1));
    return positions;
  }
  // In order, and close together: a phrase, not words scattered over a sentence. Each occurrence of
  // the first word is tried as the start, in text order, so an early stray word does not hide a
  // later phrase.
  const first = signal.words[0];
  if (first === undefined) return [];
  let start = firstAfter(keys, first, -1);
  while (start >= 0) {
    const end = orderedEnd(keys, signal.words, start);
    if (end === NO_MATCH) return null;
    if (end - start <= MAX_GAP_PER_WORD * signal.words.length)
      return orderedPositions(keys, signal.words, start);
    start = firstAfter(keys, first, start);
  }
  return null;
}

const NO_MATCH = -1;

function anyKey(keys: ReadonlyMap<string, number[]>, alternatives: readonly string[]): boolean {
  for (const key of alternatives) if (keys.has(key)) return true;
  return false;
}

/** The last position of the signal's words in order from `start`, or NO_MATCH. */
function orderedEnd(keys: ReadonlyMap<string, number[]>, words: readonly string[][], start: number): number {
  let at = start;
  for (let w = 1; w < words.length; w++) {
    at = firstAfter(keys, words[w]!, at);
    if (at < 0) return NO_MATCH;
  }
  return at;
}

function orderedPositions(
  keys: ReadonlyMap<string, number[]>,
  words: readonly string[][],
  start: number,
): number[] {
  const positions = [start];
  for (let w = 1; w < words.length; w++) positions.push(firstAfter(keys, words[w]!, positions[w - 1]!));
  return positions;
}

/** The first token after `after` that carries one of the keys, or -1. */
function firstAfter(
  keys: ReadonlyMap<string, number[]>,
  alternatives: readonly string[],
  after: number,
): number {
  let at = -1;
  for (const key of alternatives) {
    const list = keys.get(key);
    if (list === undefined) continue;
    for (const p of list) {
      if (p <= after) continue;
      if (at < 0 || p < at) at = p;
      break;
    }
  }
  return at;
}

/** Ordered matches allow this many tokens per signal word between the first and last word. */
const MAX_GAP_PER_WORD = 4;

export interface Coverage {
  label: string;
  /** The first sentence (in answer order) that asserts the point, or null. */
  sentence: Sentence | null;
  /** Token index of the first matched word or code in that sentence (-1 when not covered). */
  at: number;
  /** A sentence in which the candidate negates or dismisses the point ("I don't query"), when none asserts it. */
  dismissed: Sentence | null;
}

/** Where a match starts: its first word, else its first code, else the sentence start. */
export function matchStart(sentence: Sentence, signal: CompiledSignal, positions: readonly number[]): number {
  const at = [...positions];
  for (const code of signal.codes) {
    const p = sentence.codeAt.get(code);
    if (p !== undefined) at.push(p);
  }
  return at.length > 0 ? Math.min(...at) : sentence.from;
}

export interface CoverOptions {
  tokens: Tokens;
  /** Sentences that raised a red flag: one sentence cannot both flag and earn a key point. */
  flagged?: ReadonlySet<Sentence>;
}

interface Found {
  sentence: Sentence;
  at: number;
  /** Earned only by bare terms of a list sentence. */
  listed: boolean;
}

/** The first sentence asserting the key point (a claim beats a listed term), and the first dismissing it. */
function findKeyPoint(
  kp: CompiledKeyPoint,
  sentences: readonly Sentence[],
  options: CoverOptions,
): { found: Found[]; dismissed: Sentence | null } {
  const found: Found[] = [];
  let dismissed: Sentence | null = null;
  for (const s of sentences) {
    if (options.flagged?.has(s)) continue;
    for (const signal of kp.signals) {
      const positions = matchSignal(s, signal);
      if (!positions) continue;
      const stance = signal.hasNegation ? 'asserted' : stanceOf(options.tokens, s, positions);
      if (stance === 'negated') dismissed ??= s;
      if (stance !== 'asserted') continue;
      const listed = !isClaim(options.tokens, s, positions);
      found.push({ sentence: s, at: matchStart(s, signal, positions), listed });
      break;
    }
  }
  return { found, dismissed };
}

/**
 * Which key points the counted sentences cover, in pack order. A key point is covered by a sentence
 * that asserts it in a clause that makes a claim; a negated match earns nothing and is remembered as
 * a dismissal; terms of a list sentence that touches several key points earn nothing (stuffing).
 */
export function coverKeyPoints(
  compiled: CompiledQuestion,
  sentences: readonly Sentence[],
  options: CoverOptions,
): Coverage[] {
  const results = compiled.keyPoints.map((kp) => findKeyPoint(kp, sentences, options));
  const listedPoints = new Map<Sentence, number>();
  for (const r of results) {
    for (const f of r.found)
      if (f.listed) listedPoints.set(f.sentence, (listedPoints.get(f.sentence) ?? 0) + 1);
  }
  const stuffed = (s: Sentence): boolean => (listedPoints.get(s) ?? 0) >= STUFFED_LIST_POINTS;
  return compiled.keyPoints.map((kp, i) => {
    const { found, dismissed } = results[i]!;
    // A sentence that stuffs a list earns nothing, not even its one clause with a verb.
    const earned = found.find((f) => !stuffed(f.sentence));
    if (earned) return { label: kp.label, sentence: earned.sentence, at: earned.at, dismissed: null };
    return { label: kp.label, sentence: null, at: -1, dismissed };
  });
}
