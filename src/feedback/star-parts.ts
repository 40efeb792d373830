/**
 * STAR detection for behavioral answers. Each sentence is read for Situation, Task, Action and Result
 * cues (star-cues.ts) and rated present (specific) or thin (signalled but vague); then each part gets
 * a sentence of its own where possible. A sentence shared by two parts counts as thin for the second,
 * except that situation and task may share one ("At my last job I was responsible for…").
 */
import type { StarPart, StarPartState } from './grade-types.ts';
import { isSignalWord } from './match-keys.ts';
import {
  CHANGE_LEMMAS,
  CONSEQUENCE_LEMMAS,
  CONTEXT_CUES,
  INVARIANT_PAST,
  METRIC_WORDS,
  NEVER_AGAIN,
  OWNERSHIP,
  OTHERS,
  PAST_AUXES,
  PLACE_CUES,
  RESULT_PHRASES,
  ROLE_CUES,
  SETTING_WORDS,
  STATIVE_VERBS,
  STEP_CUES,
  TASK_CUES,
  TASK_PASSIVES,
  TASK_VERBS,
  TASK_WORDS,
  TIME_CUES,
  VAGUE_RESULT,
  VAGUE_WORDS,
} from './star-cues.ts';
import type { Sentence, Tokens } from './text-analysis.ts';

type Level = 0 | 1 | 2;

export interface StarDetection {
  states: Record<StarPart, StarPartState>;
  evidence: Partial<Record<StarPart, Sentence>>;
  /** The action is thin because only the team ("we fixed it") acts in the answer. */
  actionOnlyWe: boolean;
}

const PART_ORDER: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

interface Clause {
  subject: 'i' | 'we';
  kind: 'action' | 'task' | 'state';
  /** Told in the past ("I reviewed", "I was reviewing", "I set up"), not a habit or a hypothetical. */
  past: boolean;
}

function isPastVerb(tokens: Tokens, j: number, auxForms: readonly string[]): boolean {
  if (auxForms.some((a) => PAST_AUXES.has(a))) return true;
  const lower = tokens.lower[j]!;
  const lemma = tokens.lemma[j]!;
  if (INVARIANT_PAST.has(lemma)) return true;
  return lower !== lemma && !lower.endsWith('ing') && lower !== `${lemma}s` && lower !== `${lemma}es`;
}

function verbKind(tokens: Tokens, j: number, auxes: readonly string[]): Clause['kind'] {
  const lemma = tokens.lemma[j]!;
  // "I needed to", "I had to": a task; "I try to" in the present is a habit, told as a state.
  if (TASK_VERBS.has(lemma) && tokens.lower[j + 1] === 'to')
    return tokens.lower[j] !== lemma || auxes.length > 0 ? 'task' : 'state';
  if (auxes.includes('be') && TASK_PASSIVES.has(lemma)) return 'task';
  return STATIVE_VERBS.has(lemma) ? 'state' : 'action';
}

/** The clause a first-person subject at `i` opens: "I then set up", "we fixed", "I was asked to". */
function clauseAt(tokens: Tokens, s: Sentence, i: number): Clause | null {
  const subject = tokens.lower[i] as 'i' | 'we';
  const auxes: string[] = [];
  const auxForms: string[] = [];
  for (let j = i + 1; j < Math.min(i + 6, s.to); j++) {
    const p = tokens.pos[j];
    const lower = tokens.lower[j]!;
    if (lower === 'to' && auxes.some((a) => a === 'have' || a === 'need')) {
      return { subject, kind: 'task', past: auxForms.some((a) => PAST_AUXES.has(a)) };
    }
    if (p === 'AUX') {
      auxes.push(tokens.lemma[j]!);
      auxForms.push(lower);
      continue;
    }
    // "I didn't change anything", "I never told anyone": a negated verb is no action.
    if (lower === "n't" || lower === 'not' || lower === 'never') return null;
    if (p === 'ADV' || (p === 'PART' && lower !== 'to')) continue;
    if (p === 'VERB')
      return { subject, kind: verbKind(tokens, j, auxes), past: isPastVerb(tokens, j, auxForms) };
    break;
  }
  return auxes.length > 0 ? { subject, kind: 'state', past: auxForms.some((a) => PAST_AUXES.has(a)) } : null;
}

function clauses(tokens: Tokens, s: Sentence): Clause[] {
  const out: Clause[] = [];
  for (let i = s.from; i < s.to; i++) {
    const lower = tokens.lower[i]!;
    if ((lower !== 'i' && lower !== 'we') || tokens.pos[i] !== 'PRON') continue;
    const clause = clauseAt(tokens, s, i);
    if (clause) out.push(clause);
  }
  return out;
}

/** Specific nouns, numbers and codes in the sentence, leaving out `skip` and vague words. */
function specifics(tokens: Tokens, s: Sentence, skip: ReadonlySet<string> = TASK_WORDS): number {
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

function hasWord(tokens: Tokens, s: Sentence, set: ReadonlySet<string>): boolean {
  for (let i = s.from; i < s.to; i++) {
    if (set.has(tokens.lemma[i]!) || set.has(tokens.lower[i]!)) return true;
  }
  return false;
}

interface Rated {
  levels: Record<StarPart, Level>;
  weAction: boolean;
  /** The sentence tells something you did (used to read later numbers as results). */
  ownAction: boolean;
  /** Ranks results of the same level: a number and a change beat a bare consequence. */
  resultStrength: number;
}

function rateSituation(tokens: Tokens, s: Sentence, position: number, cl: readonly Clause[]): Level {
  const text = s.lowerText;
  const anchored = PLACE_CUES.test(text) || ROLE_CUES.test(text);
  const time = TIME_CUES.test(text);
  const setting = hasWord(tokens, s, SETTING_WORDS);
  // The story's first clause told in the past is its scene: "A surgeon I worked with wanted a visit billed…".
  const opening = position === 0 && s.words >= 8 && toldInPast(tokens, s);
  const signalled =
    anchored ||
    time ||
    opening ||
    CONTEXT_CUES.test(text) ||
    (setting && position < 2 && !cl.some((c) => c.kind === 'action'));
  if (!signalled) return 0;
  // A scene is clear when it names enough to picture; "once" with nothing else, or a habit ("would"), stays vague.
  const vagueTime = !anchored && VAGUE_TIME.test(text);
  return specifics(tokens, s, VAGUE_WORDS) >= SCENE_DETAIL && !vagueTime && !HABIT.test(text) ? 2 : 1;
}

/** Named things a scene needs to be pictured: who, where, what went wrong. */
const SCENE_DETAIL = 4;
/** Time left vague: "once", "one time", "at one place". */
const VAGUE_TIME = /\b(?:once|one time|at one (?:place|point|job))\b/;
/** A habit, not an event: "everyone would get quiet", "I usually". */
const HABIT = /\b(?:would|usually|always|tend to)\b/;

function rateTask(tokens: Tokens, s: Sentence, cl: readonly Clause[]): Level {
  if (OWNERSHIP.test(s.lowerText)) return 2;
  if (!TASK_CUES.test(s.lowerText) && !cl.some((c) => c.kind === 'task')) return 0;
  return specifics(tokens, s) >= 1 ? 2 : 1;
}

/** Result: an outcome; concrete with a number, a change to something named, or a lasting consequence. */
function rateResult(tokens: Tokens, s: Sentence, afterAction: boolean): { level: Level; strength: number } {
  const change = hasWord(tokens, s, CHANGE_LEMMAS);
  const consequence = hasWord(tokens, s, CONSEQUENCE_LEMMAS);
  const phrase = RESULT_PHRASES.test(s.lowerText);
  const neverAgain = NEVER_AGAIN.test(s.lowerText);
  // "Our next audit came back at 97%": a measured number told after what you did.
  const measured = afterAction && s.hasNumber && hasWord(tokens, s, METRIC_WORDS);
  const strength = (s.hasNumber ? 2 : 0) + (change ? 1 : 0) + (phrase ? 1 : 0);
  if (afterAction && othersActed(tokens, s))
    return { level: specifics(tokens, s, VAGUE_WORDS) >= 1 ? 2 : 1, strength };
  if (!change && !consequence && !phrase && !neverAgain && !measured && !VAGUE_RESULT.test(s.lowerText)) {
    return { level: 0, strength };
  }
  // "Everyone makes mistakes and learns from them": a maxim, not an outcome of this story.
  if (!neverAgain && !s.hasNumber && !phrase && !toldInPast(tokens, s) && !NOW.test(s.lowerText)) {
    return { level: 0, strength };
  }
  const concrete =
    neverAgain ||
    measured ||
    ((change || consequence || phrase) && s.hasNumber) ||
    ((change || consequence || phrase) &&
      specifics(tokens, s, VAGUE_WORDS) >= 1 &&
      !VAGUE_RESULT.test(s.lowerText));
  return { level: concrete ? 2 : 1, strength };
}

/** The sentence uses a word of the question's rubric: the story is about what was asked. */
function topical(s: Sentence): boolean {
  for (const at of s.keys.values()) if (at.some((p) => p >= s.from && p < s.to)) return true;
  return s.codes.size > 0;
}

/** The sentence tells something that happened: a past-tense or perfect verb. */
function toldInPast(tokens: Tokens, s: Sentence): boolean {
  for (let i = s.from; i < s.to; i++) {
    const p = tokens.pos[i];
    if (p !== 'VERB' && p !== 'AUX') continue;
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

/** After your action, someone else did something in the past: "He updated his note", "She agreed". */
function othersActed(tokens: Tokens, s: Sentence): boolean {
  const first = s.from;
  if (
    !OTHERS.has(tokens.lower[first]!) &&
    !(tokens.lower[first] === 'the' && OTHERS.has(tokens.lower[first + 1]!))
  )
    return false;
  for (let j = first + 1; j < Math.min(first + 4, s.to); j++) {
    const lower = tokens.lower[j]!;
    if (lower === "n't" || lower === 'not' || lower === 'never') return false;
    if (tokens.pos[j] === 'VERB')
      return !STATIVE_VERBS.has(tokens.lemma[j]!) && lower !== tokens.lemma[j] && !lower.endsWith('ing');
  }
  return false;
}

function rateSentence(tokens: Tokens, s: Sentence, position: number, afterAction: boolean): Rated {
  const cl = clauses(tokens, s);
  const levels: Record<StarPart, Level> = { situation: 0, task: 0, action: 0, result: 0 };
  levels.situation = rateSituation(tokens, s, position, cl);
  levels.task = rateTask(tokens, s, cl);

  // Action: "I" + an action verb on something specific, told in the past; a habit, "I would…" or "we" is thin.
  const own = cl.filter((c) => c.subject === 'i' && c.kind === 'action');
  const step = STEP_CUES.test(s.lowerText);
  let weAction = false;
  if (own.length > 0 || step) {
    const told = step || own.some((c) => c.past);
    levels.action = told && specifics(tokens, s) >= 1 && topical(s) ? 2 : 1;
  } else if (cl.some((c) => c.subject === 'we' && c.kind === 'action')) {
    levels.action = 1;
    weAction = true;
  }

  const result = rateResult(tokens, s, afterAction);
  levels.result = result.level;
  return { levels, weAction, ownAction: levels.action === 2 && !weAction, resultStrength: result.strength };
}

interface Candidate {
  sentence: Sentence;
  level: Level;
  weAction: boolean;
  strength: number;
}

const MAX_CANDIDATES = 4;

/** Situation (0) and task (1) may share a sentence; action and result may not. */
function mayShare(a: number, b: number): boolean {
  return a <= 1 && b <= 1;
}

function collectCandidates(tokens: Tokens, sentences: readonly Sentence[]): Record<StarPart, Candidate[]> {
  const candidates: Record<StarPart, Candidate[]> = { situation: [], task: [], action: [], result: [] };
  let afterAction = false;
  sentences.forEach((s, position) => {
    const rated = rateSentence(tokens, s, position, afterAction);
    afterAction ||= rated.ownAction;
    for (const part of PART_ORDER) {
      const level = rated.levels[part];
      if (level === 0) continue;
      const weAction = part === 'action' && rated.weAction;
      candidates[part].push({
        sentence: s,
        level,
        weAction,
        strength: part === 'result' ? rated.resultStrength : 0,
      });
    }
  });
  for (const part of PART_ORDER) {
    candidates[part].sort(
      (a, b) => b.level - a.level || b.strength - a.strength || a.sentence.index - b.sentence.index,
    );
    candidates[part] = candidates[part].slice(0, MAX_CANDIDATES);
  }
  return candidates;
}

/** The level a chosen candidate keeps: a sentence already used by an earlier part counts as thin. */
function keptLevel(chosen: ReadonlyArray<Candidate | null>, k: number): Level {
  const c = chosen[k];
  if (!c) return 0;
  for (let j = 0; j < k; j++) {
    if (chosen[j]?.sentence === c.sentence && !mayShare(j, k)) return Math.min(c.level, 1) as Level;
  }
  return c.level;
}

/** The assignment of sentences to parts with the highest total level (at most 5^4 tries). */
function bestAssignment(candidates: Record<StarPart, Candidate[]>): Array<Candidate | null> {
  let best: Array<Candidate | null> = [null, null, null, null];
  let bestTotal = -1;
  const chosen: Array<Candidate | null> = [null, null, null, null];
  const search = (k: number, total: number): void => {
    if (k === PART_ORDER.length) {
      if (total > bestTotal) {
        bestTotal = total;
        best = [...chosen];
      }
      return;
    }
    for (const c of candidates[PART_ORDER[k]!]) {
      chosen[k] = c;
      search(k + 1, total + keptLevel(chosen, k));
    }
    chosen[k] = null;
    search(k + 1, total);
  };
  search(0, 0);
  return best;
}

/** Detect the four STAR parts in the sentences of a behavioral answer. */
export function detectStar(tokens: Tokens, sentences: readonly Sentence[]): StarDetection {
  const best = bestAssignment(collectCandidates(tokens, sentences));
  const states: Record<StarPart, StarPartState> = {
    situation: 'missing',
    task: 'missing',
    action: 'missing',
    result: 'missing',
  };
  const evidence: Partial<Record<StarPart, Sentence>> = {};
  let actionOnlyWe = false;
  PART_ORDER.forEach((part, k) => {
    const c = best[k];
    if (!c) return;
    states[part] = keptLevel(best, k) === 2 ? 'present' : 'thin';
    evidence[part] = c.sentence;
    if (part === 'action' && c.weAction) actionOnlyWe = true;
  });
  return { states, evidence, actionOnlyWe };
}
