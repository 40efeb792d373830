/**
 * Red flags: a flag's signal matched in a sentence (words in the signal's order), unless the sentence
 * negates it ("I never upcode", "I would not code what the physician wants"), condemns it
 * ("upcoding is fraud") or tells what someone else did ("a coworker was upcoding").
 */
import type { CompiledQuestion, CompiledSignal } from './match-signals.ts';
import { matchSignal, matchStart } from './match-signals.ts';
import { inOneClause } from './stance.ts';
import type { Sentence, Tokens } from './text-analysis.ts';

export interface RaisedFlag {
  label: string;
  why: string;
  /** What a strong candidate does instead, when the pack says. */
  instead: string | undefined;
  sentence: Sentence;
  /** Token index where the flagged words start. */
  at: number;
}

const wordSet = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/));

/** Words that negate or refuse what follows them in the same clause. */
const NEGATION_CUES =
  wordSet(`not n't never no none nobody nothing neither nor cannot avoid refuse decline reject resist
  prevent against without`);
/** Two-word cues: "instead of", "rather than". */
const PAIR_CUES: ReadonlyArray<[string, string]> = [
  ['instead', 'of'],
  ['rather', 'than'],
];
/** A sentence using one of these says the flagged practice is wrong. */
const CONDEMNING =
  wordSet(`fraud fraudulent illegal unethical noncompliant non-compliant improper inappropriate violation
  violate abuse unacceptable`);
const CLAUSE_BREAKS = new Set(', ; : — – ( ) but so however although though whereas then'.split(' '));
const CONDITIONALS = new Set(['if', 'when', 'whenever', 'unless', 'even']);
const FIRST_PERSON = new Set(['i', 'we', 'you', 'my', 'our']);
const OTHER_PEOPLE =
  wordSet(`he she they someone somebody colleague coworker co-worker coder biller physician doctor provider
  manager supervisor nurse staff vendor auditor director owner boss executive client customer`);

function isCue(tokens: Tokens, i: number): boolean {
  const lower = tokens.lower[i]!;
  if (NEGATION_CUES.has(lower) || NEGATION_CUES.has(tokens.lemma[i]!)) return true;
  const next = tokens.lower[i + 1];
  return PAIR_CUES.some(([a, b]) => lower === a && next === b);
}

function clauseStart(tokens: Tokens, s: Sentence, at: number): number {
  for (let i = at - 1; i >= s.from; i--) {
    if (CLAUSE_BREAKS.has(tokens.lower[i]!)) return i + 1;
  }
  return s.from;
}

/** A person word followed by its verb ("a coworker was upcoding"), not an object ("send the physician a query"). */
function isSubject(tokens: Tokens, i: number, end: number): boolean {
  for (let j = i + 1; j < end; j++) {
    const p = tokens.pos[j];
    if (p === 'ADV') continue;
    return p === 'VERB' || p === 'AUX';
  }
  return false;
}

const DEFINING_VERBS = new Set(['be', 'mean', 'refer', 'involve', 'describe']);

/** "Upcoding is billing a higher level…": the sentence defines the practice, it does not do it. */
function isDefinition(tokens: Tokens, s: Sentence, first: number, start: number): boolean {
  for (let i = start; i < first; i++) {
    const p = tokens.pos[i];
    if (tokens.isWord[i] && p !== 'DET' && p !== 'ADJ') return false;
  }
  for (let i = first + 1; i < Math.min(first + 3, s.to); i++) {
    if (DEFINING_VERBS.has(tokens.lemma[i]!) && (tokens.pos[i] === 'AUX' || tokens.pos[i] === 'VERB'))
      return true;
  }
  return false;
}

const REQUEST_LEMMAS = new Set([
  'ask',
  'want',
  'tell',
  'pressure',
  'push',
  'urge',
  'instruct',
  'expect',
  'request',
  'order',
]);

/** "My manager asked me to backdate…", "I was asked to sign off…": a request put to the candidate, not their doing. */
function isRequested(tokens: Tokens, start: number, first: number): boolean {
  if (tokens.lower[first - 1] !== 'to') return false;
  for (let i = first - 2; i >= Math.max(start, first - 8); i--) {
    if (REQUEST_LEMMAS.has(tokens.lemma[i]!) && tokens.pos[i] === 'VERB') return true;
  }
  return false;
}

/** Whether the matched words are negated, condemned, defined or someone else's doing. */
export function isDisowned(
  tokens: Tokens,
  s: Sentence,
  positions: readonly number[],
  signal: CompiledSignal,
): boolean {
  const matched = new Set(positions);
  if (!signal.hasNegation && positions.some((p) => tokens.neg[p])) return true;
  for (let i = s.from; i < s.to; i++) {
    // A condemning word that is part of the flag ("accuse the physician of fraud") is no condemnation.
    if (CONDEMNING.has(tokens.lower[i]!) && !matched.has(i)) return true;
  }
  // A cue earlier in the same clause as any matched word: "I never upcode", "R07.9, not R07.89".
  for (const p of positions) {
    for (let i = clauseStart(tokens, s, p); i < p; i++) {
      if (!matched.has(i) && isCue(tokens, i)) return true;
    }
  }
  const first = Math.min(...positions);
  const start = clauseStart(tokens, s, first);
  if (isDefinition(tokens, s, first, start)) return true;
  if (isRequested(tokens, start, first)) return true;
  // "If a physician asks me to upcode, I refuse."
  if (CONDITIONALS.has(tokens.lower[start]!)) {
    const last = Math.max(...positions);
    for (let i = last + 1; i < s.to; i++) {
      if (!matched.has(i) && isCue(tokens, i)) return true;
    }
  }
  // The nearest subject before the match decides whose behaviour it is.
  for (let i = first - 1; i >= start; i--) {
    const lower = tokens.lower[i]!;
    if (FIRST_PERSON.has(lower)) return false;
    if ((OTHER_PEOPLE.has(lower) || OTHER_PEOPLE.has(tokens.lemma[i]!)) && isSubject(tokens, i, s.to))
      return true;
  }
  return false;
}

/** The red flags the counted sentences raise, in pack order, each with the first sentence that raised it. */
export function findRedFlags(
  compiled: CompiledQuestion,
  tokens: Tokens,
  sentences: readonly Sentence[],
): RaisedFlag[] {
  const hits: Array<{ sentence: Sentence; at: number } | undefined> = new Array(compiled.redFlags.length);
  // Per slot, the last sentence (numbered from 1) that holds its first word: a stamp, not a set per sentence.
  const stamp = new Uint32Array(compiled.flagSlots.length);
  let seen = 0;
  for (const s of sentences) {
    seen++;
    // Only the signals whose first word occurs in the sentence can match it; in pack order.
    for (const id of compiled.codeOnlyFlagSlots) stamp[id] = seen;
    for (const key of s.keys.keys()) {
      const ids = compiled.flagSlotsByFirstKey.get(key);
      if (ids) for (const id of ids) stamp[id] = seen;
    }
    for (let id = 0; id < stamp.length; id++) {
      if (stamp[id] !== seen) continue;
      const { flag, signal } = compiled.flagSlots[id]!;
      if (hits[flag]) continue;
      const words = raisedBy(tokens, s, signal);
      if (words) hits[flag] = { sentence: s, at: matchStart(s, signal, words) };
    }
  }
  const raised: RaisedFlag[] = [];
  compiled.redFlags.forEach((flag, f) => {
    const hit = hits[f];
    if (hit)
      raised.push({
        label: flag.label,
        why: flag.why,
        instead: flag.instead,
        sentence: hit.sentence,
        at: hit.at,
      });
  });
  return raised;
}

/** The matched word positions when the signal raises its flag in the sentence, else null. */
function raisedBy(tokens: Tokens, s: Sentence, signal: CompiledSignal): number[] | null {
  const words = matchSignal(s, signal, true);
  if (!words) return null;
  // "don't query" must be one clause: "…not written up, I send a query" refuses nothing.
  if (signal.hasNegation && words.length > 1 && !inOneClause(tokens, words[0]!, words[words.length - 1]!))
    return null;
  const positions = [...words];
  for (const code of signal.codes) {
    const codeAt = s.codeAt.get(code);
    if (codeAt !== undefined) positions.push(codeAt);
  }
  return positions.length === 0 || !isDisowned(tokens, s, positions, signal) ? words : null;
}
