/**
 * Match keys: the strings a word is compared on. A word's keys are its lemma and stem (so
 * querying/queried/query meet), hyphen-free forms ("non-leading", "non leading" and "nonleading"
 * meet), and one shared key for every negation word.
 */
import { synonymKey } from './synonyms.ts';
import type { Tokens } from './text-analysis.ts';

/** Key shared by every negation word, so "not", "n't", "never" and "no" match each other in signals. */
export const NEGATION_KEY = '~neg';
const NEGATION_WORDS = new Set("not n't never no none nothing nobody neither nor cannot".split(' '));
/** Stop words that still carry meaning in a signal ("code without documentation"). */
const MEANINGFUL_STOP_WORDS = new Set(['without', 'same', 'own', 'mine', 'again']);
/** Prefixes that reverse a word: "non-leading" must not match "leading". */
const NEGATIVE_PREFIXES = new Set('non un anti not no dis in im ir il'.split(' '));

/** Crude stem for parts of hyphenated words, which wink does not stem separately. */
function crudeStem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '');
}

export function isNegation(tokens: Tokens, i: number): boolean {
  return NEGATION_WORDS.has(tokens.lower[i]!) || tokens.lemma[i] === 'not';
}

/** Keys a word is matched on: its lemma and stem, plus hyphen-free forms. */
export function wordKeys(lower: string, lemma: string, stem: string): string[] {
  if (NEGATION_WORDS.has(lower) || NEGATION_WORDS.has(lemma)) return [NEGATION_KEY];
  const keys = [lemma];
  if (stem !== lemma) keys.push(stem);
  const synonym = synonymKey(lower, lemma);
  if (synonym) keys.push(synonym);
  if (lower.includes('-')) {
    const flatLemma = lemma.replace(/-/g, '');
    const flatStem = stem.replace(/-/g, '');
    keys.push(flatLemma);
    if (flatStem !== flatLemma) keys.push(flatStem);
  }
  return keys;
}

/** Whether a token is a content word of a signal (stop words dropped, negation and "without" kept). */
export function isSignalWord(tokens: Tokens, i: number): boolean {
  if (!tokens.isWord[i] || tokens.isCode[i]) return false;
  if (isNegation(tokens, i) || MEANINGFUL_STOP_WORDS.has(tokens.lower[i]!)) return true;
  // Clitics ("'s", "'re", "'ll") carry no meaning of their own.
  return !tokens.stop[i] && !/^['’]/.test(tokens.lower[i]!);
}

/** Whether token i is a bare hyphen joining two words ("follow-up" read as follow - up). */
function isJoiningHyphen(tokens: Tokens, i: number): boolean {
  return (
    tokens.value[i] === '-' && tokens.start[i] === tokens.end[i - 1] && tokens.start[i + 1] === tokens.end[i]
  );
}

/** Adds token `i` under `key`, keeping each list ascending and free of repeats. */
function putKey(
  keys: Map<string, number[]>,
  wanted: ReadonlySet<string> | undefined,
  key: string,
  i: number,
): void {
  if (wanted && !wanted.has(key)) return;
  const at = keys.get(key);
  if (at === undefined) keys.set(key, [i]);
  else if (at[at.length - 1]! < i) at.push(i);
  else if (!at.includes(i)) {
    at.push(i);
    at.sort(ascending);
  }
}

/** What wordKeys returns, put straight into the map: no array per token. */
function putWordKeys(
  keys: Map<string, number[]>,
  wanted: ReadonlySet<string> | undefined,
  lower: string,
  lemma: string,
  stem: string,
  i: number,
): void {
  if (NEGATION_WORDS.has(lower) || NEGATION_WORDS.has(lemma)) {
    putKey(keys, wanted, NEGATION_KEY, i);
    return;
  }
  putKey(keys, wanted, lemma, i);
  if (stem !== lemma) putKey(keys, wanted, stem, i);
  const synonym = synonymKey(lower, lemma);
  if (synonym) putKey(keys, wanted, synonym, i);
  if (lower.includes('-')) {
    const flatLemma = lemma.replace(/-/g, '');
    const flatStem = stem.replace(/-/g, '');
    putKey(keys, wanted, flatLemma, i);
    if (flatStem !== flatLemma) putKey(keys, wanted, flatStem, i);
  }
}

const ascending = (x: number, y: number): number => x - y;

/**
 * Every proper prefix of the wanted keys, once per set: two words are joined into a key ("non" +
 * "leading") only when some wanted key starts with the first, so most word pairs build no string.
 */
const prefixesOf = new WeakMap<ReadonlySet<string>, Set<string>>();

function wantedPrefixes(wanted: ReadonlySet<string>): Set<string> {
  let prefixes = prefixesOf.get(wanted);
  if (!prefixes) {
    prefixes = new Set();
    for (const key of wanted) for (let n = 1; n < key.length; n++) prefixes.add(key.slice(0, n));
    prefixesOf.set(wanted, prefixes);
  }
  return prefixes;
}

/**
 * Match key → ascending token indices for the tokens [from, to) of one sentence. With `wanted`
 * (every key some signal of the question looks for), other keys are left out: it keeps the map small.
 */
export function sentenceKeys(
  tokens: Tokens,
  from: number,
  to: number,
  wanted?: ReadonlySet<string>,
): Map<string, number[]> {
  const keys = new Map<string, number[]>();
  const prefixes = wanted ? wantedPrefixes(wanted) : undefined;
  let prevWord = -1;
  for (let i = from; i < to; i++) {
    if (!tokens.isWord[i] || tokens.isCode[i]) {
      if (!isJoiningHyphen(tokens, i)) prevWord = -1;
      continue;
    }
    const lower = tokens.lower[i]!;
    const stem = tokens.stem[i]!;
    const prevLower = prevWord >= 0 ? tokens.lower[prevWord]! : '';
    // "non leading" is one (negated) word: only its joined form is a key.
    if (prevLower !== 'non') {
      // Function words carry only their lemma: red-flag signals may need "whatever" or "every".
      if (isSignalWord(tokens, i)) putWordKeys(keys, wanted, lower, tokens.lemma[i]!, stem, i);
      else putKey(keys, wanted, tokens.lemma[i]!, i);
    }
    if (lower.includes('-')) {
      const parts = lower.split('-').filter((p) => p.length > 0);
      if (parts.length > 1 && !NEGATIVE_PREFIXES.has(parts[0]!)) {
        for (const p of parts) {
          putKey(keys, wanted, p, i);
          putKey(keys, wanted, crudeStem(p), i);
        }
      }
    }
    if (prevWord >= 0 && (!prefixes || prefixes.has(prevLower))) {
      putKey(keys, wanted, prevLower + lower, prevWord);
      putKey(keys, wanted, prevLower + stem, prevWord);
    }
    prevWord = i;
  }
  return keys;
}
