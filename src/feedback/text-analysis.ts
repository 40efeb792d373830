/**
 * Text analysis with wink-nlp: sentences, tokens, lemmas and stems, negation, and per sentence the
 * match keys signals are compared on (match-keys.ts). Codes are extracted first (medical-codes.ts)
 * and masked, so wink sees one word where "R07.9" was and offsets stay those of the original text.
 */
import model from 'wink-eng-lite-web-model';
import type { ItsFunction } from 'wink-nlp';
import winkNLP from 'wink-nlp';
import { isNegation, sentenceKeys } from './match-keys.ts';
import { type CodeMatch, extractCodes, isNumericCode, maskCodes } from './medical-codes.ts';

// Loaded once. Only the pipes the grader reads: sentence boundaries, negation and part of speech (lemmas need it).
const nlp = winkNLP(model, ['sbd', 'negation', 'pos']);
const its = nlp.its;
// wink's typings declare lemma with a third `addons` parameter that ItsFunction does not accept.
const itsLemma = its.lemma as unknown as ItsFunction<string>;

// The model's Porter stemmer, what `its.stem` calls for every token. Called directly and memoised,
// because stemming every token anew is most of the time spent on an answer.
const porterStem = model.addons.stem as (word: string) => string;
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

function stemOf(lower: string): string {
  let stem = stems.get(lower);
  if (stem === undefined) {
    stem = porterStem(lower).toLowerCase();
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stems.set(lower, stem);
  }
  return stem;
}

/** Words that state a quantity: with a change they make a result concrete. */
const NUMBER_WORDS_LIST = `zero one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
  fifty hundred hundreds thousand thousands dozen dozens half twice double doubled triple tripled percent`;
const NUMBER_WORDS: ReadonlySet<string> = new Set(NUMBER_WORDS_LIST.split(/\s+/));

export interface Tokens {
  value: string[];
  lower: string[];
  lemma: string[];
  stem: string[];
  pos: string[];
  type: string[];
  neg: boolean[];
  stop: boolean[];
  /** Character offsets in the original text. */
  start: number[];
  end: number[];
  /** A word or number the reader would count (codes included). */
  isWord: boolean[];
  /** The token is a masked code. */
  isCode: boolean[];
}

export interface Sentence {
  index: number;
  /** Character range in the original text, trimmed. */
  start: number;
  end: number;
  /** Token range [from, to). */
  from: number;
  to: number;
  /** Match key → token indices that carry it, ascending. */
  keys: Map<string, number[]>;
  /** Normalised codes in the sentence (`ICD:R07.9`). */
  codes: Set<string>;
  /** Normalised code → index of the (masked) token it sits in. */
  codeAt: Map<string, number>;
  words: number;
  stopWords: number;
  contentWords: number;
  verbs: number;
  hasNumber: boolean;
  /** Lower-cased sentence text with codes masked as x and removed instructions blanked. */
  lowerText: string;
}

export interface TextAnalysis {
  /** The original text: every start/end refers to it. */
  text: string;
  tokens: Tokens;
  sentences: Sentence[];
  codes: CodeMatch[];
  wordCount: number;
}

const LONG_TOKEN = /\S{48,}/g;
const BULLETS = new Set(['-', '*', '•', '–', '—', '·']);

function readTokens(masked: string, codes: readonly CodeMatch[]): { tokens: Tokens; spans: number[][] } {
  const doc = nlp.readDoc(masked);
  const spans = doc.sentences().out(its.span) as unknown as number[][];
  const all = doc.tokens();
  const value = all.out(its.value) as string[];
  const lemma = (all.out(itsLemma) as string[]).map((l) => l.toLowerCase());
  const pos = all.out(its.pos) as string[];
  const type = all.out(its.type) as string[];
  const neg = all.out(its.negationFlag) as unknown as boolean[];
  const stop = all.out(its.stopWordFlag) as unknown as boolean[];
  const spaces = all.out(its.precedingSpaces) as string[];
  const n = value.length;
  const lower: string[] = new Array(n);
  const start: number[] = new Array(n);
  const end: number[] = new Array(n);
  const isWord: boolean[] = new Array(n);
  const isCode: boolean[] = new Array(n);
  const stem: string[] = new Array(n);
  let cursor = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = value[i]!;
    cursor += spaces[i]!.length;
    // wink is lossless; if it ever is not, find the token so offsets stay true.
    if (masked.startsWith(v, cursor) === false) {
      const found = masked.indexOf(v, cursor);
      if (found >= 0) cursor = found;
    }
    start[i] = cursor;
    end[i] = cursor + v.length;
    cursor = end[i]!;
    lower[i] = v.toLowerCase();
    stem[i] = stemOf(lower[i]!);
    const t = type[i]!;
    isWord[i] = t === 'word' || t === 'number' || t === 'email' || t === 'url' || t === 'hashtag';
    while (c < codes.length && codes[c]!.end <= start[i]!) c++;
    const code = codes[c];
    isCode[i] = code !== undefined && code.start < end[i]! && /^x+$/.test(v);
    if (isCode[i]) isWord[i] = true;
  }
  return { tokens: { value, lower, lemma, stem, pos, type, neg, stop, start, end, isWord, isCode }, spans };
}

function isBoundaryNewline(tokens: Tokens, i: number, from: number): boolean {
  const v = tokens.value[i]!;
  if (tokens.type[i] !== 'tabCRLF' || !v.includes('\n')) return false;
  if (/\n[^\n]*\n/.test(v)) return true;
  let prev = i - 1;
  while (prev >= from && tokens.type[prev] === 'tabCRLF') prev--;
  if (prev >= from && /^[.!?:;]$/.test(tokens.value[prev]!)) return true;
  const next = tokens.value[i + 1];
  // A lower-case continuation is a hard-wrapped line; anything else (capital, bullet, digit) starts anew.
  return next !== undefined && !/^[a-z]/.test(next);
}

/** Codes whose first character lies in [start, end), and the token each sits in. */
function codesIn(tokens: Tokens, codes: readonly CodeMatch[], a: number, b: number): Map<string, number> {
  const codeAt = new Map<string, number>();
  const start = tokens.start[a]!;
  const end = tokens.end[b - 1]!;
  for (const code of codes) {
    if (code.start < start || code.start >= end || codeAt.has(code.code)) continue;
    let at = a;
    while (at < b - 1 && tokens.end[at]! <= code.start) at++;
    codeAt.set(code.code, at);
  }
  return codeAt;
}

export interface WordCounts {
  words: number;
  /** Stop words and negations. */
  stopWords: number;
  verbs: number;
  /** A number, a number word, a percent sign or a currency. */
  hasNumber: boolean;
}

/** The word counts of the tokens [a, b): the figures a Sentence carries. */
export function countWords(tokens: Tokens, a: number, b: number): WordCounts {
  const counts: WordCounts = { words: 0, stopWords: 0, verbs: 0, hasNumber: false };
  for (let i = a; i < b; i++) {
    if (!tokens.isWord[i]) {
      if (tokens.value[i] === '%' || tokens.type[i] === 'currency') counts.hasNumber = true;
      continue;
    }
    counts.words++;
    if (tokens.stop[i] || isNegation(tokens, i)) counts.stopWords++;
    if (tokens.pos[i] === 'VERB' || tokens.pos[i] === 'AUX') counts.verbs++;
    if (tokens.type[i] === 'number' || NUMBER_WORDS.has(tokens.lower[i]!)) counts.hasNumber = true;
  }
  return counts;
}

function buildSentence(
  analysis: { tokens: Tokens; masked: string; codes: readonly CodeMatch[]; wanted?: ReadonlySet<string> },
  from: number,
  to: number,
  index: number,
): Sentence | null {
  const { tokens, masked, codes, wanted } = analysis;
  // Trim line breaks at the edges, and bullets ("- ", "• ") at the start.
  let a = from;
  let b = to;
  while (a < b && (tokens.type[a] === 'tabCRLF' || BULLETS.has(tokens.value[a]!))) a++;
  while (b > a && tokens.type[b - 1] === 'tabCRLF') b--;
  const stats = countWords(tokens, a, b);
  const { words, stopWords, verbs } = stats;
  if (words === 0) return null;
  const start = tokens.start[a]!;
  const end = tokens.end[b - 1]!;
  const codeAt = codesIn(tokens, codes, a, b);
  const hasNumber = stats.hasNumber || [...codeAt.keys()].some(isNumericCode);
  return {
    index,
    start,
    end,
    from: a,
    to: b,
    keys: sentenceKeys(tokens, a, b, wanted),
    codes: new Set(codeAt.keys()),
    codeAt,
    words,
    stopWords,
    contentWords: words - stopWords,
    verbs,
    hasNumber,
    lowerText: masked.slice(start, end).toLowerCase(),
  };
}

/**
 * Analyse `text`. `input` is the text with codes masked (and, for answers, instructions blanked):
 * it must have the same length as `text`.
 */
export function analysePrepared(
  text: string,
  input: string,
  codes: readonly CodeMatch[],
  wanted?: ReadonlySet<string>,
): TextAnalysis {
  // No word is this long; wink is slow on such tokens, so they are read as a single "x".
  const prepared = input.replace(LONG_TOKEN, (m) => `x${' '.repeat(m.length - 1)}`);
  const read = readTokens(prepared, codes);
  const tokens = read.tokens;
  const sentences: Sentence[] = [];
  const spans = splitAtNewlines(read.spans, tokens);
  let wordCount = 0;
  for (const [from, to] of spans) {
    const s = buildSentence({ tokens, masked: prepared, codes, wanted }, from, to, sentences.length);
    if (s) {
      sentences.push(s);
      wordCount += s.words;
    }
  }
  return { text, tokens, sentences, codes: [...codes], wordCount };
}

/** wink's sentences, split again where a new line starts a new sentence (bullets, paragraphs). */
function splitAtNewlines(spans: number[][], tokens: Tokens): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const span of spans) {
    const from = span[0]!;
    const to = span[1]! + 1;
    let a = from;
    for (let i = from; i < to; i++) {
      if (isBoundaryNewline(tokens, i, a)) {
        if (i > a) out.push([a, i]);
        a = i + 1;
      }
    }
    if (a < to) out.push([a, to]);
  }
  return out;
}

/** Analyse any text: codes are extracted and masked first. Used for signals and question texts. */
export function analyseText(text: string): TextAnalysis {
  const codes = extractCodes(text);
  return analysePrepared(text, maskCodes(text, codes), codes);
}
