import { NOT_NAME_WORDS } from './patterns.ts';

/**
 * Splitting a run of words typed in any case into the leading words that can be a person's name.
 * Lower-case words cannot be told from ordinary words by their shape, so callers only use this
 * where a cue or an identifier says a name is there.
 */

// Words that follow "patient" or open a sentence in an answer and are never a name, on top of
// NOT_NAME_WORDS. Verbs ending in -ed/-ing/-ly are rejected by shape (see isNameToken).
const NOT_NAME_TOKENS: ReadonlySet<string> = new Set(
  (
    'is was were be been being has had have having who whom whose which what came comes come seen ' +
    'presents presented returns returned reports reported states stated denies denied complains ' +
    'needs needed asks asked got gets left lives lived called calls said says went goes told tells ' +
    'access portal portals financial services service care coordinator safety experience advocate ' +
    'relations accounts encounter encounters visit visits identifiers identifier info information ' +
    'data field fields list lists record label labels chart charts demographics registration ' +
    'consent consents education instructions family friendly flow population populations count ' +
    'volume volumes satisfaction outcomes outcome status statuses type types age sex gender ' +
    'first last middle full legal preferred one two three new old other same different my our ' +
    'not no yes any all some each every later earlier here there now then'
  ).split(' '),
);

const POSSESSIVE = /['’]s$/;
const VERB_SHAPE = /(?:ed|ing|ly)$/;
export const CAPITALISED = /^\p{Lu}/u;

function isNameToken(token: string, labelled: boolean): boolean {
  const word = token.replace(POSSESSIVE, '').toLowerCase();
  if (word.length < 2 || NOT_NAME_WORDS.has(word) || NOT_NAME_TOKENS.has(word)) return false;
  // After a name label a name may end like a verb ("mohammed"); elsewhere that shape says verb.
  return labelled || CAPITALISED.test(token) || !VERB_SHAPE.test(word);
}

/** The leading words of `run` that can be a name, or an empty list. */
export function nameTokens(run: string, labelled = false): string[] {
  const tokens: string[] = [];
  for (const token of run.split(/\s+/)) {
    if (!isNameToken(token, labelled)) break;
    // "Pt Ann Lee's DOB": the possessive ends the name and stays in the text.
    const possessive = POSSESSIVE.exec(token);
    tokens.push(possessive ? token.slice(0, possessive.index) : token);
    if (possessive) break;
  }
  return tokens;
}
