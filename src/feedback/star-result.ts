/**
 * Result reading for STAR (star-parts.ts), with the sentence helpers both share. A result is an
 * outcome of the story: concrete with a number, a change to something named, or a lasting consequence.
 */
import { isSignalWord } from './match-keys.ts';
import {
  CHANGE_LEMMAS,
  CONSEQUENCE_LEMMAS,
  INVARIANT_PAST,
  METRIC_WORDS,
  NEVER_AGAIN,
  OTHERS,
  PAST_AUXES,
  RESULT_PHRASES,
  STATIVE_VERBS,
  TASK_WORDS,
  VAGUE_RESULT,
  VAGUE_WORDS,
} from './star-cues.ts';
import type { Sentence, Tokens } from './text-analysis.ts';

export type Level = 0 | 1 | 2;

/** Specific nouns, numbers and codes in the sentence, leaving out `skip` and vague words. */
export function specifics(tokens: Tokens, s: Sentence, skip: ReadonlySet<string> = TASK_WORDS): number {
  let n = s.codes.size;
  for (let i = s.from; i < s.to; i++) {
    const p = tokens.pos[i];
    if ((p !== 'NOUN' && p !== 'PROPN' && p !== 'NUM') || tokens.isCode[i] || !isSignalWord(tokens, i))
      continue;
    const lemma = tokens.lemma[i]!;
    if (VAGUE_WORDS.has(tokens.lower[i]!) || VAGUE_WORDS.has(lemma) || skip.has(lemma)) continue;
    n++;
  }
  return n;
}

export function hasWord(tokens: Tokens, s: Sentence, set: ReadonlySet<string>): boolean {
  for (let i = s.from; i < s.to; i++) {
    if (set.has(tokens.lemma[i]!) || set.has(tokens.lower[i]!)) return true;
  }
  return false;
}

/** The sentence tells something that happened: a past-tense or perfect verb. */
export function toldInPast(tokens: Tokens, s: Sentence): boolean {
  for (let i = s.from; i < s.to; i++) {
    const p = tokens.pos[i];
    // "computer-assisted coding": a participle inside a compound describes, it tells no event.
    if ((p !== 'VERB' && p !== 'AUX') || tokens.value[i - 1] === '-') continue;
    const lower = tokens.lower[i]!;
    if (PAST_AUXES.has(lower) || INVARIANT_PAST.has(tokens.lemma[i]!)) return true;
    if (p === 'VERB' && lower !== tokens.lemma[i] && /(?:ed|en|[^s]t)$/.test(lower)) return true;
    if (p === 'VERB' && lower !== tokens.lemma[i] && !/(?:ing|s)$/.test(lower)) return true;
  }
  return false;
}

/** A lasting change told in the present: "she now checks", "since then", "still". */
const NOW =
  /\b(?:(?:i|we|he|she|they|it) (?:now|still)|since then|ever since|to this day|every (?:shift|day|week|month) since)\b/;

/**
 * After your action, someone else did something in the past: "He updated his note", "She agreed",
 * also after a contrast ("He wasn't happy, but he let it go").
 */
function othersActed(tokens: Tokens, s: Sentence): boolean {
  for (let i = s.from; i < s.to - 1; i++) {
    if (i > s.from && !CLAUSE_JOINERS.has(tokens.lower[i - 1]!)) continue;
    const first = DETERMINERS.has(tokens.lower[i]!) ? i + 1 : i;
    // "she returned it", "the physician agreed", "finance moved the budget": someone named, not you.
    const named = tokens.pos[first] === 'NOUN' || tokens.pos[first] === 'PROPN';
    if (!OTHERS.has(tokens.lower[first]!) && !named) continue;
    if (first > i && !named) continue;
    if (actsAfter(tokens, s, first)) return true;
  }
  return false;
}

const CLAUSE_JOINERS = new Set(['but', 'and', 'so', 'then']);
const DETERMINERS = new Set(['the', 'his', 'her', 'their', 'our', 'my']);

/** The subject at `first` did something, told in the past: not "wasn't", not "thinks", not "was feeling". */
function actsAfter(tokens: Tokens, s: Sentence, first: number): boolean {
  for (let j = first + 1; j < Math.min(first + 4, s.to); j++) {
    const lower = tokens.lower[j]!;
    if (lower === "n't" || lower === 'not' || lower === 'never') return false;
    if (tokens.pos[j] === 'VERB') {
      const lemma = tokens.lemma[j]!;
      const past = (lower !== lemma || INVARIANT_PAST.has(lemma)) && !lower.endsWith('ing');
      return !STATIVE_VERBS.has(lemma) && past;
    }
  }
  return false;
}

/** "I (just) changed…": a verb of change whose subject is you. */
function changedByYou(tokens: Tokens, s: Sentence): boolean {
  for (let i = s.from; i < s.to; i++) {
    if (tokens.pos[i] !== 'VERB' || !CHANGE_LEMMAS.has(tokens.lemma[i]!)) continue;
    let j = i - 1;
    while (j >= s.from && (tokens.pos[j] === 'ADV' || tokens.pos[j] === 'AUX')) j--;
    if (j >= s.from && tokens.lower[j] === 'i') return true;
  }
  return false;
}

/** Who speaks in the sentence: the candidate ("I", "we"), and whether they deny doing something. */
export interface Speaker {
  own: boolean;
  negated: boolean;
}

/** A number said as one ("97%", "forty"), not a word like "double" that merely counts. */
function saysNumber(tokens: Tokens, s: Sentence): boolean {
  if (!s.hasNumber) return false;
  if (/\d/.test(s.lowerText)) return true;
  for (let i = s.from; i < s.to; i++) if (tokens.pos[i] === 'NUM') return true;
  return false;
}

/** What the story has told before the sentence being read. */
export interface StoryState {
  /** You did something specific ("I rebuilt the template"). */
  afterAction: boolean;
  /** Anyone in the story acted at all, you or the team ("we tried"). */
  acted: boolean;
}

export function rateResult(
  tokens: Tokens,
  s: Sentence,
  story: StoryState,
  speaker: Speaker,
): { level: Level; strength: number } {
  const afterAction = story.afterAction;
  const change = hasWord(tokens, s, CHANGE_LEMMAS);
  const consequence = hasWord(tokens, s, CONSEQUENCE_LEMMAS);
  const phrase = RESULT_PHRASES.test(s.lowerText);
  const neverAgain = NEVER_AGAIN.test(s.lowerText);
  const now = NOW.test(s.lowerText);
  const number = saysNumber(tokens, s);
  // "Our next audit came back at 97%": a measured number told after what you did.
  const measured = afterAction && number && hasWord(tokens, s, METRIC_WORDS);
  const strength = (number ? 2 : 0) + (change ? 1 : 0) + (phrase ? 1 : 0);
  const none = { level: 0 as Level, strength };
  // "I never changed anything": a denial is no outcome, whatever its verb.
  if (speaker.negated && !neverAgain) return none;
  if (afterAction && othersActed(tokens, s)) {
    const vague = VAGUE_RESULT.test(s.lowerText) || specifics(tokens, s, VAGUE_WORDS) === 0;
    return { level: vague ? 1 : 2, strength };
  }
  const signalled = change || consequence || phrase || neverAgain || measured || now;
  if (!signalled && !VAGUE_RESULT.test(s.lowerText)) {
    return none;
  }
  // "Remote work has changed things": before anyone in the story has acted, a change is background,
  // not an outcome, unless it says so ("as a result") or counts it.
  if (!story.acted && !phrase && !number && !speaker.own) return none;
  // "Everyone makes mistakes and learns from them", "The code sets change every year": a maxim or a
  // general truth, not an outcome of this story.
  if (!neverAgain && !phrase && !toldInPast(tokens, s) && !now) return none;
  // "I just changed it": with you as the one changing something and nothing measured, it is your action.
  if (change && !consequence && !phrase && !neverAgain && !now && !number && changedByYou(tokens, s))
    return none;
  const concrete =
    neverAgain ||
    measured ||
    ((change || consequence || phrase) && number) ||
    ((change || consequence || phrase) &&
      specifics(tokens, s, VAGUE_WORDS) >= 1 &&
      !VAGUE_RESULT.test(s.lowerText) &&
      // "I've learned to double-check", "I got comfortable with it": what you took away, unmeasured,
      // is a thin result; one that lasts ("I now check…") or is counted is concrete.
      (!speaker.own || now));
  return { level: concrete ? 2 : 1, strength };
}
