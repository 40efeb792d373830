/**
 * Stance: whether a sentence asserts what a key point's words say, or negates or dismisses it.
 * "I don't look at the denial reason codes" holds the words of "Reads the denial reason codes" but
 * says the opposite; "I would never code a condition that isn't documented" negates twice and
 * asserts. Polarity is counted per clause, so "I don't guess; I query the doctor" still asserts the query.
 */
import type { Sentence, Tokens } from './text-analysis.ts';

const wordSet = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Words that negate what follows them in their clause. */
const NEGATORS = wordSet("not n't never no none nothing nobody neither nor cannot without");
/** Verbs that leave out what follows ("I skip the edit check"). */
const OMISSION_LEMMAS = wordSet('skip ignore bypass neglect omit disregard forgo');
/** After the matched words only a negated predicate counts: "denial codes are not something I read". */
const PREDICATE_NEGATORS = wordSet("not n't never");
/** "not only", "not just", "no matter": not negations. */
const NOT_NEGATING_NEXT = wordSet('only just merely to matter doubt');
const PRONOUN_SUBJECTS = wordSet('i we you he she they it someone nobody everyone');
const BREAKS = new Set([
  ',',
  ';',
  ':',
  '—',
  '–',
  '(',
  ')',
  'but',
  'however',
  'although',
  'though',
  'whereas',
]);
/** Subordinate clauses: their negations belong to them ("I query when the note doesn't say"). */
const SUBORDINATORS = wordSet('because since when whenever if unless while until so before after once');
const FIRST_PERSON = wordSet('i we you my our');
const OTHER_PEOPLE = wordSet(`he she they someone somebody some many most other others colleague colleagues
  coworker coworkers co-worker co-workers coder coders biller billers people team`);

function isNegator(tokens: Tokens, i: number): boolean {
  const lower = tokens.lower[i]!;
  if (NEGATORS.has(lower) || tokens.lemma[i] === 'not') {
    if (NOT_NEGATING_NEXT.has(tokens.lower[i + 1] ?? '')) return false;
    // "whether or not"
    if (lower === 'not' && tokens.lower[i - 1] === 'or' && tokens.lower[i - 2] === 'whether') return false;
    return true;
  }
  if (OMISSION_LEMMAS.has(tokens.lemma[i]!)) return true;
  if (tokens.lemma[i] === 'stop' && /ing$/.test(tokens.lower[i + 1] ?? '')) return true;
  const next = tokens.lower[i + 1];
  return (lower === 'instead' && next === 'of') || (lower === 'rather' && next === 'than');
}

/** "I'm", "we've", "it's": wink keeps a pronoun and its contraction as one token. */
const CONTRACTED_SUBJECT = /^(?:i|we|you|he|she|they|it|that)['’]/;

/** "and I query", "or we": a coordinated clause with a subject of its own starts here. */
function startsClause(tokens: Tokens, i: number): boolean {
  const lower = tokens.lower[i]!;
  if (BREAKS.has(lower) || SUBORDINATORS.has(lower)) return true;
  if (lower !== 'and' && lower !== 'or') return false;
  const next = tokens.lower[i + 1] ?? '';
  if (CONTRACTED_SUBJECT.test(next)) return true;
  const pos = tokens.pos[i + 1];
  // "and I query", "and don't guess", "and never assume", "and check the edits"
  return PRONOUN_SUBJECTS.has(next) || pos === 'AUX' || pos === 'VERB' || next === 'never' || next === 'not';
}

function clauseStart(tokens: Tokens, s: Sentence, at: number): number {
  for (let i = at - 1; i >= s.from; i--) if (startsClause(tokens, i)) return i + 1;
  return s.from;
}

function clauseEnd(tokens: Tokens, s: Sentence, at: number): number {
  for (let i = at + 1; i < s.to; i++) {
    const lower = tokens.lower[i]!;
    if (startsClause(tokens, i) || lower === 'that' || lower === 'which' || lower === 'who') return i;
  }
  return s.to;
}

/** "…, but it isn't worth the time", "…; that's overkill": a later clause that waves the point away. */
const DISMISSAL_AFTER =
  /\b(?:it|that|this|they|which|those|these|it's|that's|they're)\b[^.;!?]{0,20}?(?:(?:is|are|was|were|'s|'re|do|does|did)\s*(?:n't|not|never)\s+(?:really\s+|usually\s+|always\s+)?(?:worth|necessary|needed|important|relevant|required|useful|helpful|matter|a big deal|my (?:job|problem|concern))|(?:n't|not)\s+(?:really\s+)?matter|(?:is|are|'s|'re)\s+(?:just\s+|really\s+|mostly\s+|honestly\s+)?(?:overkill|pointless|unnecessary|a waste|irrelevant|overrated|optional|busywork|a formality|not worth))/;

/** "…sounds fine in theory, but", "…is a nice phrase, but": conceded, then waved away. */
const CONCEDED_AFTER =
  /\b(?:in theory|on paper|a nice (?:phrase|idea|theory|thought)|sounds? (?:good|fine|nice|great|right))\b[^.;!?]*\bbut\b/;

function dismissedLater(tokens: Tokens, s: Sentence, last: number): boolean {
  const after = s.lowerText.slice(tokens.end[last]! - s.start);
  return DISMISSAL_AFTER.test(after) || CONCEDED_AFTER.test(after);
}

/**
 * What others say, not what the candidate holds: "People talk a lot about non-leading queries",
 * "Everyone says to put R07.9", "ICD-10-CM and CPT get talked about as if…".
 */
const REPORTED_BEFORE =
  /\b(?:people|everyone|everybody|they|some|others|folks|trainers|instructors|textbooks|books|courses)\b(?:\s+\w+){0,2}?\s+(?:say|says|said|talk|talks|talked|tell|tells|preach|preaches|recommend|recommends|insist|insists|harp|harps|push|pushes|keep (?:talking|saying|telling))\b/;
const REPORTED_AFTER =
  /^[^.;!?]{0,40}?\b(?:gets?|is|are|were|was) (?:often |always |constantly )?(?:talked about|said|mentioned|preached|pushed)\b/;

function reported(tokens: Tokens, s: Sentence, first: number, last: number): boolean {
  const before = s.lowerText.slice(0, tokens.start[first]! - s.start);
  const after = s.lowerText.slice(tokens.end[last]! - s.start);
  return REPORTED_BEFORE.test(before) || REPORTED_AFTER.test(after);
}

/** Whose practice the clause tells: the nearest person word before the match decides. */
function isSomeoneElse(tokens: Tokens, start: number, first: number): boolean {
  for (let i = first - 1; i >= start; i--) {
    const lower = tokens.lower[i]!;
    if (FIRST_PERSON.has(lower)) return false;
    if (OTHER_PEOPLE.has(lower) || OTHER_PEOPLE.has(tokens.lemma[i]!)) return true;
  }
  return false;
}

export type Stance = 'asserted' | 'negated' | 'dismissed-by-others';

/**
 * The stance of a sentence towards the matched words at `positions` (token indices). Negations
 * before the words in their clause count, and a negated predicate after them in the same clause;
 * an even count asserts. A later clause that dismisses it ("…but it isn't worth it") negates.
 */
export function stanceOf(tokens: Tokens, s: Sentence, positions: readonly number[]): Stance {
  if (positions.length === 0) return 'asserted';
  const matched = new Set(positions);
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  const start = clauseStart(tokens, s, first);
  const end = clauseEnd(tokens, s, last);
  let negations = 0;
  for (let i = start; i < end; i++) {
    if (matched.has(i) || !isNegator(tokens, i)) continue;
    if (i > last && !PREDICATE_NEGATORS.has(tokens.lower[i]!) && tokens.lemma[i] !== 'not') continue;
    negations++;
  }
  const negated = negations % 2 === 1 || dismissedLater(tokens, s, last);
  if (!negated) return reported(tokens, s, first, last) ? 'dismissed-by-others' : 'asserted';
  return isSomeoneElse(tokens, start, first) ? 'dismissed-by-others' : 'negated';
}

/** Whether the tokens [from, to] lie in one clause: no clause boundary between them. */
export function inOneClause(tokens: Tokens, from: number, to: number): boolean {
  for (let i = from + 1; i <= to; i++) if (startsClause(tokens, i) || tokens.value[i] === ',') return false;
  return true;
}
