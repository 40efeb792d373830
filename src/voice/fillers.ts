/**
 * Filler words in a transcript. Sounds (um, uh, er, hmm) always count; words that are fillers only in
 * some uses count only there: "like" before a comma ("it was, like, a 99214") and not "I'd like to";
 * "you know" and "I mean" set off by punctuation, not "you know the rule"; "sort of" and "kind of" as
 * hedges ("kind of important"), not after a determiner ("this kind of modifier").
 */
const sounds: Record<string, string> = {
  um: 'um',
  umm: 'um',
  ummm: 'um',
  uh: 'uh',
  uhh: 'uh',
  uhm: 'um',
  er: 'er',
  erm: 'er',
  ah: 'ah',
  hmm: 'hmm',
  hm: 'hmm',
  mm: 'hmm',
  basically: 'basically',
  literally: 'literally',
};

const determiners = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'what',
  'which',
  'any',
  'some',
  'every',
  'each',
  'one',
  'same',
  'different',
  'no',
  'another',
  'other',
  'right',
  'wrong',
  'all',
]);

interface Token {
  word: string;
  /** Punctuation right after the word (",", ".", "…"), if any. */
  after: string;
}

/** Words in order, lower-cased, each with the punctuation that follows it. */
function tokenize(text: string): Token[] {
  return [...text.matchAll(/([\p{L}\p{N}']+)([^\p{L}\p{N}'\s]*)/gu)].map((match) => ({
    word: match[1]!.toLowerCase(),
    after: match[2]!,
  }));
}

const setOff = (punctuation: string) => /^[,.;:!?…-]/.test(punctuation);

/** The filler that starts at `index`, or null. */
function fillerAt(tokens: Token[], index: number): string | null {
  const token = tokens[index]!;
  const sound = sounds[token.word];
  if (sound) return sound;
  if (token.word === 'like') return /^(?:,|…|\.\.\.)/.test(token.after) ? 'like' : null;
  const next = tokens[index + 1];
  if (!next || token.after !== '') return null;
  const phrase = `${token.word} ${next.word}`;
  if (phrase === 'you know' || phrase === 'i mean') {
    return setOff(next.after) || index + 2 >= tokens.length ? phrase : null;
  }
  if (phrase !== 'sort of' && phrase !== 'kind of') return null;
  const previous = tokens[index - 1];
  if (previous && determiners.has(previous.word)) return null;
  // "sort of the point" names a thing; "kind of, um" and "kind of late" hedge.
  const following = tokens[index + 2];
  return !following || next.after !== '' || !determiners.has(following.word) ? phrase : null;
}

/** Filler -> count, most frequent first (ties alphabetically). */
export function countFillers(text: string): Record<string, number> {
  const counts = new Map<string, number>();
  const tokens = tokenize(text);
  for (let index = 0; index < tokens.length; index++) {
    const filler = fillerAt(tokens, index);
    if (filler) counts.set(filler, (counts.get(filler) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** Words a person said: tokens with a letter or digit. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'.-]*/gu)?.length ?? 0;
}
