/**
 * STAR detection for behavioral answers. Each sentence is read for Situation, Task, Action and Result
 * cues (star-cues.ts) and rated present (specific) or thin (signalled but vague); then each part gets
 * a sentence of its own where possible. A sentence shared by two parts counts as thin for the second,
 * except that situation and task may share one ("At my last job I was responsible for…").
 */
import type { StarPart, StarPartState } from '../core/grade-types.ts';
import {
  CONTEXT_CUES,
  OWNERSHIP,
  PLACE_CUES,
  ROLE_CUES,
  SETTING_WORDS,
  STEP_CUES,
  TASK_CUES,
  TIME_CUES,
  VAGUE_WORDS,
} from './star-cues.ts';
import { hasWord, type Level, rateResult, type StoryState, specifics, toldInPast } from './star-result.ts';
import { type Clause, clauses } from './star-speaker.ts';
import type { Sentence, Tokens } from './text-analysis.ts';

export interface StarDetection {
  states: Record<StarPart, StarPartState>;
  evidence: Partial<Record<StarPart, Sentence>>;
  /** The action is thin because only the team ("we fixed it") acts in the answer. */
  actionOnlyWe: boolean;
}

const PART_ORDER: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

interface Rated {
  levels: Record<StarPart, Level>;
  weAction: boolean;
  /** The sentence tells something you did (used to read later numbers as results). */
  ownAction: boolean;
  /** Ranks results of the same level: a number and a change beat a bare consequence. */
  resultStrength: number;
}

function rateSituation(
  tokens: Tokens,
  s: Sentence,
  position: number,
  cl: readonly Clause[],
  firstEvent: boolean,
): Level {
  const text = s.lowerText;
  const anchored = PLACE_CUES.test(text) || ROLE_CUES.test(text);
  const time = TIME_CUES.test(text);
  const setting = hasWord(tokens, s, SETTING_WORDS);
  // The story's first clause told in the past is its scene: "A surgeon I worked with wanted a visit billed…",
  // also after a one-sentence preamble in the present ("I work closely with my providers.").
  const opening = firstEvent && s.words >= 5 && !HABIT.test(text) && position <= 1 && toldInPast(tokens, s);
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

/** A clause that places an event in time: "when my supervisor found…". */
const EVENT_FRAME = /\b(?:when|while|after|before|once)\b/;
/** Named things a scene needs to be pictured: who, where, what went wrong. */
const SCENE_DETAIL = 4;
/** Time left vague: "once", "one time", "at one place". */
const VAGUE_TIME = /\b(?:once|one time|at one (?:place|point|job))\b/;
/** A habit, not an event: "everyone would get quiet", "I usually". */
/** Experience summed up, not one event: "I've worked with many providers over the years". */
const EXPERIENCE = /\b(?:over the years|for years|over my career|throughout my career|in my career)\b/;
const HABIT = /\b(?:usually|always|tend to|(?:i|we|everyone|people|they|he|she) would)\b/;

/** "I was moved to radiology": a new job implies a task without saying what it was. */
const REASSIGNED =
  /\b(?:i|we) (?:was|were|got) (?:moved|transferred|reassigned|switched|rotated|placed|put|sent|loaned|seconded)(?: over)? (?:to|onto|into|on)\b/;

function rateTask(tokens: Tokens, s: Sentence, cl: readonly Clause[]): Level {
  if (OWNERSHIP.test(s.lowerText)) return 2;
  if (!TASK_CUES.test(s.lowerText) && !cl.some((c) => c.kind === 'task')) {
    return REASSIGNED.test(s.lowerText) ? 1 : 0;
  }
  return specifics(tokens, s) >= 1 ? 2 : 1;
}

function rateSentence(
  tokens: Tokens,
  s: Sentence,
  position: number,
  story: StoryState,
  firstEvent: boolean,
): Rated {
  const cl = clauses(tokens, s);
  const levels: Record<StarPart, Level> = { situation: 0, task: 0, action: 0, result: 0 };
  // "I didn't read the guidelines when I picked up orthopedics": a denial beside an event only hints at a
  // scene; "I've never had a disagreement" denies there was one.
  const denial = cl[0]?.kind === 'denied';
  // "Once I submit a claim I don't track it" is a habit, not an event, so it hints at no scene.
  const cap = denial ? (EVENT_FRAME.test(s.lowerText) && toldInPast(tokens, s) ? 1 : 0) : 2;
  levels.situation = Math.min(rateSituation(tokens, s, position, cl, firstEvent), cap) as Level;
  levels.task = rateTask(tokens, s, cl);

  // Action: "I" + an action verb on something specific, told in the past; a habit, "I would…" or "we" is thin.
  const own = cl.filter((c) => c.subject === 'i' && c.kind === 'action');
  const step = STEP_CUES.test(s.lowerText);
  // "I didn't dig into it when I found it": a sentence that opens with a denial is no action, its other
  // verbs only frame it ("I told him I wasn't comfortable" is one). "I always tell people…": a bare
  // present is a habit, not something done in this story.
  const denied = cl[0]?.kind === 'denied';
  const habit = !step && (own.every((c) => !c.past && !c.modal) || EXPERIENCE.test(s.lowerText));
  let weAction = false;
  // "I just leave it for my supervisor": a habit played down is still a (thin) answer to what you do.
  if (denied || (own.length > 0 && habit && !own.some((c) => c.minimised))) levels.action = 0;
  else if (own.length > 0 || step) {
    const told = step || own.some((c) => c.past);
    // Something specific done. (The rubric's words are no test here: a clause split off a dense
    // sentence, "I showed her the examples privately", seldom repeats them.)
    levels.action = told && specifics(tokens, s) >= 1 && !own.every((c) => c.minimised) ? 2 : 1;
  } else if (cl.some((c) => c.subject === 'we' && c.kind === 'action' && (c.past || c.modal))) {
    levels.action = 1;
    weAction = true;
  }

  const speaker = { own: cl.some((c) => c.subject === 'i'), negated: denied };
  const result = rateResult(tokens, s, { ...story, acted: story.acted || levels.action > 0 }, speaker);
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
  const story: StoryState = { afterAction: false, acted: false };
  let told = false;
  sentences.forEach((s, position) => {
    const past = toldInPast(tokens, s);
    const rated = rateSentence(tokens, s, position, story, past && !told);
    told ||= past;
    story.afterAction ||= rated.ownAction;
    story.acted ||= rated.levels.action > 0;
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
