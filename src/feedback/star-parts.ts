/**
 * STAR detection for behavioral answers. Each sentence is read for Situation, Task, Action and Result
 * cues (star-cues.ts) and rated present (specific) or thin (signalled but vague); then each part gets
 * a sentence of its own where possible. A sentence shared by two parts counts as thin for the second,
 * except that situation and task may share one ("At my last job I was responsible for…").
 */
import type { StarPart, StarPartState } from './grade-types.ts';
import {
  CONTEXT_CUES,
  INVARIANT_PAST,
  OWNERSHIP,
  PAST_AUXES,
  PLACE_CUES,
  ROLE_CUES,
  SETTING_WORDS,
  STATIVE_VERBS,
  STEP_CUES,
  TASK_CUES,
  TASK_PASSIVES,
  TASK_VERBS,
  TIME_CUES,
  VAGUE_WORDS,
} from './star-cues.ts';
import { hasWord, type Level, rateResult, specifics, toldInPast } from './star-result.ts';
import type { Sentence, Tokens } from './text-analysis.ts';

export interface StarDetection {
  states: Record<StarPart, StarPartState>;
  evidence: Partial<Record<StarPart, Sentence>>;
  /** The action is thin because only the team ("we fixed it") acts in the answer. */
  actionOnlyWe: boolean;
}

const MODALS = new Set(['would', "'d", 'will', "'ll", 'could', 'should', 'might', 'can']);

const HABIT_ADVERBS = new Set(['always', 'usually', 'often', 'generally', 'normally', 'typically']);
const SUBORDINATORS = new Set([
  'when',
  'while',
  'before',
  'after',
  'until',
  'if',
  'since',
  'whenever',
  'once',
]);

const PART_ORDER: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

interface Clause {
  subject: 'i' | 'we';
  /** 'denied': "I didn't change anything", "I never told anyone": no action. */
  kind: 'action' | 'task' | 'state' | 'denied';
  /** Told in the past ("I reviewed", "I was reviewing", "I set up"), not a habit or a hypothetical. */
  past: boolean;
  /** "I'd talk to", "I will": a hypothetical, which is thin; a bare present ("I always tell") is a habit. */
  modal: boolean;
}

function isPastVerb(tokens: Tokens, j: number, auxForms: readonly string[]): boolean {
  if (auxForms.some((a) => PAST_AUXES.has(a))) return true;
  const lower = tokens.lower[j]!;
  const lemma = tokens.lemma[j]!;
  if (INVARIANT_PAST.has(lemma)) return true;
  return lower !== lemma && !lower.endsWith('ing') && lower !== `${lemma}s` && lower !== `${lemma}es`;
}

function verbKind(tokens: Tokens, j: number, auxes: readonly string[], modal: boolean): Clause['kind'] {
  const lemma = tokens.lemma[j]!;
  // "I needed to", "I had to": a task; "I try to" in the present is a habit and "I'd hope to" a wish,
  // both told as a state.
  if (TASK_VERBS.has(lemma) && tokens.lower[j + 1] === 'to')
    return (tokens.lower[j] !== lemma || auxes.length > 0) && !modal ? 'task' : 'state';
  // "I was asked to" is a task; "I was brought up to believe" is a phrasal verb about something else.
  if (auxes.includes('be') && TASK_PASSIVES.has(lemma) && tokens.lower[j + 1] !== 'up') return 'task';
  // "I was moved to radiology", "I was brought up to…": in the passive, someone else acts.
  const lower = tokens.lower[j]!;
  if (auxes.includes('be') && lower !== lemma && !lower.endsWith('ing')) return 'state';
  return STATIVE_VERBS.has(lemma) ? 'state' : 'action';
}

/** The clause a first-person subject at `i` opens: "I then set up", "we fixed", "I was asked to". */
function clauseAt(tokens: Tokens, s: Sentence, i: number, subject: 'i' | 'we'): Clause | null {
  const auxes: string[] = [];
  const auxForms: string[] = [];
  let habitual = false;
  for (let j = i + 1; j < Math.min(i + 6, s.to); j++) {
    const p = tokens.pos[j];
    const lower = tokens.lower[j]!;
    if (lower === 'to' && auxes.some((a) => a === 'have' || a === 'need')) {
      return { subject, kind: 'task', past: auxForms.some((a) => PAST_AUXES.has(a)), modal: false };
    }
    if (p === 'AUX') {
      auxes.push(tokens.lemma[j]!);
      auxForms.push(lower);
      continue;
    }
    // "I didn't change anything", "I never told anyone": a negated verb is no action.
    if (lower === "n't" || lower === 'not' || lower === 'never')
      return { subject, kind: 'denied', past: false, modal: false };
    if (p === 'ADV' && HABIT_ADVERBS.has(lower)) habitual = true;
    if (p === 'ADV' || (p === 'PART' && lower !== 'to')) continue;
    if (p === 'VERB') {
      const modal = auxForms.some((a) => MODALS.has(a));
      // "I always read the policy": an adverb of frequency makes even a past-looking verb a habit.
      return {
        subject,
        kind: verbKind(tokens, j, auxes, modal),
        past: !habitual && isPastVerb(tokens, j, auxForms),
        modal: modal && !habitual,
      };
    }
    break;
  }
  if (auxes.length === 0) return null;
  return { subject, kind: 'state', past: auxForms.some((a) => PAST_AUXES.has(a)), modal: false };
}

function clauses(tokens: Tokens, s: Sentence): Clause[] {
  const out: Clause[] = [];
  const implicit = listedSubject(tokens, s);
  if (implicit) {
    const clause = clauseAt(tokens, s, s.from - 1 + (tokens.lower[s.from] === 'and' ? 1 : 0), implicit);
    if (clause) out.push(clause);
  }
  for (let i = s.from; i < s.to; i++) {
    const lower = tokens.lower[i]!;
    if ((lower !== 'i' && lower !== 'we') || tokens.pos[i] !== 'PRON') continue;
    // "…when I took accounting classes": a clause under "when", "before", "if" frames the main one.
    if (i > s.from && SUBORDINATORS.has(tokens.lower[i - 1]!)) continue;
    const clause = clauseAt(tokens, s, i, lower);
    if (clause) out.push(clause);
  }
  return out;
}

/**
 * A clause split off a list ("…, built a checklist", "…, and scored 98%") keeps the subject the list
 * began with: the nearest "I" or "we" before it in the same sentence.
 */
function listedSubject(tokens: Tokens, s: Sentence): 'i' | 'we' | null {
  const verb = tokens.lower[s.from] === 'and' ? s.from + 1 : s.from;
  if (tokens.pos[verb] !== 'VERB' || s.from === 0 || tokens.value[s.from - 1] !== ',') return null;
  for (let i = s.from - 2; i >= Math.max(0, s.from - 60); i--) {
    const lower = tokens.lower[i]!;
    if (lower === '.' || lower === '?' || lower === '!') return null;
    if ((lower === 'i' || lower === 'we') && tokens.pos[i] === 'PRON') return lower;
  }
  return null;
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
  const opening = position === 0 && s.words >= 5 && !HABIT.test(text) && toldInPast(tokens, s);
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

/** The sentence uses a word of the question's rubric: the story is about what was asked. */
function topical(s: Sentence): boolean {
  for (const at of s.keys.values()) if (at.some((p) => p >= s.from && p < s.to)) return true;
  return s.codes.size > 0;
}

function rateSentence(tokens: Tokens, s: Sentence, position: number, afterAction: boolean): Rated {
  const cl = clauses(tokens, s);
  const levels: Record<StarPart, Level> = { situation: 0, task: 0, action: 0, result: 0 };
  // "I didn't read the guidelines when I picked up orthopedics": a denial only hints at a scene.
  levels.situation = Math.min(
    rateSituation(tokens, s, position, cl),
    cl[0]?.kind === 'denied' ? 1 : 2,
  ) as Level;
  levels.task = rateTask(tokens, s, cl);

  // Action: "I" + an action verb on something specific, told in the past; a habit, "I would…" or "we" is thin.
  const own = cl.filter((c) => c.subject === 'i' && c.kind === 'action');
  const step = STEP_CUES.test(s.lowerText);
  // "I didn't dig into it when I found it": a sentence that opens with a denial is no action, its other
  // verbs only frame it ("I told him I wasn't comfortable" is one). "I always tell people…": a bare
  // present is a habit, not something done in this story.
  const denied = cl[0]?.kind === 'denied';
  const habit = !step && own.every((c) => !c.past && !c.modal);
  let weAction = false;
  if (denied || (own.length > 0 && habit)) levels.action = 0;
  else if (own.length > 0 || step) {
    const told = step || own.some((c) => c.past);
    levels.action = told && specifics(tokens, s) >= 1 && topical(s) ? 2 : 1;
  } else if (cl.some((c) => c.subject === 'we' && c.kind === 'action')) {
    levels.action = 1;
    weAction = true;
  }

  const speaker = { own: cl.some((c) => c.subject === 'i'), negated: denied };
  const result = rateResult(tokens, s, afterAction, speaker);
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
