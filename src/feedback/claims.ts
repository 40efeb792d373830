/**
 * Claims, not lists: a key point is earned by a clause that says something. In a sentence that is
 * mostly a run of bare terms ("The key terms are MDM, total time, data reviewed, risk, …"), only the
 * parts with a verb of their own make a claim; the listed terms earn nothing.
 */
import type { Sentence, Tokens } from './text-analysis.ts';

const SEPARATORS = new Set([',', ';', ':', '/', '(', ')', '|', 'and', 'or', '&', '+']);
/** A sentence with this many separated parts, most of them bare and short, is a list. */
const MIN_LIST_SEGMENTS = 4;
const SHORT_SEGMENT_WORDS = 4;
/** Share of a sentence's words in bare terms from which it reads as a list. */
const LIST_WORD_SHARE = 0.6;

interface Segment {
  from: number;
  to: number;
  words: number;
  verb: boolean;
  /** Holds a function word (article, pronoun, preposition, auxiliary…): a phrase, not a bare term. */
  glue: boolean;
}

/** Parts of speech that hold a phrase together; listed terms ("shipped planned date") go without them. */
const GLUE_POS = new Set(['DET', 'PRON', 'ADP', 'AUX', 'PART', 'CCONJ', 'SCONJ']);

/** A verb that makes a claim: an auxiliary, an inflected verb that is not a participle after a noun, or an instruction. */
function isClaimVerb(tokens: Tokens, i: number, segmentStart: number): boolean {
  const pos = tokens.pos[i];
  if (pos === 'AUX') return true;
  if (pos !== 'VERB') return false;
  const prev = tokens.pos[i - 1];
  // "problems addressed", "data reviewed": a term, not a statement.
  if (/(?:ed|en)$/.test(tokens.lower[i]!) && (prev === 'NOUN' || prev === 'PROPN')) return false;
  if (tokens.lower[i] !== tokens.lemma[i]) return true;
  // A bare verb states something after a subject ("I query") or as an instruction at the start ("query the doctor").
  return i === segmentStart || tokens.pos[i - 1] === 'PRON' || tokens.pos[i - 1] === 'ADV';
}

/** A function word that builds a phrase; not the "to" inside "face-to-face", nor a bare "no"/"not". */
function isGlue(tokens: Tokens, i: number): boolean {
  if (!GLUE_POS.has(tokens.pos[i]!)) return false;
  const lower = tokens.lower[i]!;
  if (lower === 'no' || lower === 'not' || lower === "n't") return false;
  const hyphenated = tokens.value[i - 1] === '-' && tokens.start[i] === tokens.end[i - 1];
  return !hyphenated;
}

function segmentsOf(tokens: Tokens, s: Sentence): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = { from: s.from, to: s.from, words: 0, verb: false, glue: false };
  let firstWord = -1;
  const close = (at: number): void => {
    current.to = at;
    if (current.words > 0) segments.push(current);
  };
  for (let i = s.from; i < s.to; i++) {
    if (SEPARATORS.has(tokens.lower[i]!)) {
      close(i);
      current = { from: i + 1, to: i + 1, words: 0, verb: false, glue: false };
      firstWord = -1;
      continue;
    }
    if (!tokens.isWord[i]) continue;
    if (firstWord < 0) firstWord = i;
    current.words++;
    if (isClaimVerb(tokens, i, firstWord)) current.verb = true;
    if (isGlue(tokens, i)) current.glue = true;
  }
  close(s.to);
  return segments;
}

/**
 * Most of the words sit in bare terms: "MDM, total time, data reviewed, …". An enumeration at the
 * end of a claim ("…documents a different session, site, organ, lesion or injury") is not a list:
 * its words are mostly in the clause that makes the claim.
 */
function isList(segments: readonly Segment[]): boolean {
  if (segments.length < MIN_LIST_SEGMENTS) return false;
  let words = 0;
  let bareWords = 0;
  for (const g of segments) {
    words += g.words;
    if (!g.glue && g.words <= SHORT_SEGMENT_WORDS) bareWords += g.words;
  }
  return bareWords >= LIST_WORD_SHARE * words;
}

const cache = new WeakMap<Sentence, Segment[] | null>();

/** The sentence's segments when it reads as a list of terms, else null. */
function listSegments(tokens: Tokens, s: Sentence): Segment[] | null {
  let known = cache.get(s);
  if (known === undefined) {
    const segments = segmentsOf(tokens, s);
    known = isList(segments) ? segments : null;
    cache.set(s, known);
  }
  return known;
}

/**
 * Whether the matched words (token positions) sit in a clause that makes a claim: true in any
 * sentence that is not a list, and in a list only inside a part with a verb of its own.
 */
export function isClaim(tokens: Tokens, s: Sentence, positions: readonly number[]): boolean {
  const segments = listSegments(tokens, s);
  if (segments === null) return true;
  return positions.every((p) => segments.some((g) => g.verb && g.glue && p >= g.from && p < g.to));
}

/**
 * A list sentence whose bare terms touch this many key points is keyword stuffing, and its terms
 * earn nothing. Fewer is an enumeration inside a claim ("the options: A, B and C").
 */
export const STUFFED_LIST_POINTS = 3;
