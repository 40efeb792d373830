/**
 * The first-person clauses of a STAR sentence: who acts ("I" or "we"), how ("I fixed" is an action,
 * "I needed to" a task, "I was moved" or "I think" a state, "I didn't" a denial) and when (told in the
 * past, a hypothetical, or a habit). star-parts.ts rates the parts from them.
 */
import {
  INVARIANT_PAST,
  PAST_AUXES,
  PERCEPTION_VERBS,
  STATIVE_VERBS,
  TASK_PASSIVES,
  TASK_VERBS,
} from './star-cues.ts';
import type { Sentence, Tokens } from './text-analysis.ts';

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

export interface Clause {
  subject: 'i' | 'we';
  /** 'denied': "I didn't change anything", "I never told anyone": no action. */
  kind: 'action' | 'task' | 'state' | 'denied';
  /** Told in the past ("I reviewed", "I was reviewing", "I set up"), not a habit or a hypothetical. */
  past: boolean;
  /** "I'd talk to", "I will": a hypothetical, which is thin; a bare present ("I always tell") is a habit. */
  modal: boolean;
  /** "I just changed it and moved on": an action played down is told, but thinly. */
  minimised: boolean;
}

function isPastVerb(tokens: Tokens, j: number, auxForms: readonly string[]): boolean {
  if (auxForms.some((a) => PAST_AUXES.has(a))) return true;
  const lower = tokens.lower[j]!;
  const lemma = tokens.lemma[j]!;
  if (INVARIANT_PAST.has(lemma)) return true;
  return lower !== lemma && !lower.endsWith('ing') && lower !== `${lemma}s` && lower !== `${lemma}es`;
}

function verbKind(
  tokens: Tokens,
  j: number,
  auxes: readonly string[],
  auxForms: readonly string[],
  modal: boolean,
): Clause['kind'] {
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
  // "We were moving to a new EHR": the past progressive is the backdrop of a story, not a step in it.
  if (auxes.includes('be') && lower.endsWith('ing') && auxForms.some((a) => a === 'was' || a === 'were'))
    return 'state';
  // "I saw", "I noticed": finding out sets the scene. "I've grown a lot", "I came out as an introvert",
  // "I got comfortable": something that happened to you, not something done.
  const next = tokens.lower[j + 1];
  if (
    PERCEPTION_VERBS.has(lemma) ||
    UNDERGONE.has(lemma) ||
    (lemma === 'come' && next === 'out') ||
    (lemma === 'get' && tokens.pos[j + 1] === 'ADJ')
  )
    return 'state';
  return STATIVE_VERBS.has(lemma) ? 'state' : 'action';
}

const UNDERGONE = new Set(['grow', 'become', 'learn']);

/** The clause a first-person subject at `i` opens: "I then set up", "we fixed", "I was asked to". */
function clauseAt(tokens: Tokens, s: Sentence, i: number, subject: 'i' | 'we'): Clause | null {
  const auxes: string[] = [];
  const auxForms: string[] = [];
  let habitual = false;
  const minimised = tokens.lower[i + 1] === 'just';
  for (let j = i + 1; j < Math.min(i + 6, s.to); j++) {
    const p = tokens.pos[j];
    const lower = tokens.lower[j]!;
    if (lower === 'to' && auxes.some((a) => a === 'have' || a === 'need')) {
      return {
        subject,
        kind: 'task',
        past: auxForms.some((a) => PAST_AUXES.has(a)),
        modal: false,
        minimised,
      };
    }
    if (p === 'AUX') {
      auxes.push(tokens.lemma[j]!);
      auxForms.push(lower);
      continue;
    }
    // "I didn't change anything", "I never told anyone": a negated verb is no action.
    if (lower === "n't" || lower === 'not' || lower === 'never')
      return { subject, kind: 'denied', past: false, modal: false, minimised };
    if (p === 'ADV' && HABIT_ADVERBS.has(lower)) habitual = true;
    if (p === 'ADV' || (p === 'PART' && lower !== 'to')) continue;
    if (p === 'VERB') {
      const modal = auxForms.some((a) => MODALS.has(a));
      let kind = verbKind(tokens, j, auxes, auxForms, modal);
      // "I noticed a bit later and sent a correction": the verb joined on is what you did.
      const joined =
        kind === 'state' && PERCEPTION_VERBS.has(tokens.lemma[j]!) ? joinedVerb(tokens, s, j) : -1;
      if (joined > 0) {
        kind = verbKind(tokens, joined, [], [], modal);
        j = joined;
      }
      // "I always read the policy": an adverb of frequency makes even a past-looking verb a habit.
      return {
        subject,
        kind,
        past: !habitual && isPastVerb(tokens, j, auxForms),
        modal: modal && !habitual,
        minimised,
      };
    }
    break;
  }
  if (auxes.length === 0) return null;
  return { subject, kind: 'state', past: auxForms.some((a) => PAST_AUXES.has(a)), modal: false, minimised };
}

export function clauses(tokens: Tokens, s: Sentence): Clause[] {
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
    // "I saw I'd picked the wrong code": what you found out is the scene, not something you did then.
    // "colleagues I clicked with", "the code I picked": a relative clause describes, it does not narrate.
    if (foundOut(tokens, s, i) || relativeClause(tokens, s, i)) continue;
    const clause = clauseAt(tokens, s, i, lower);
    if (clause) out.push(clause);
  }
  return out;
}

/** Verbs whose object clause tells what you learned, not what you did: "I saw (that) I had…". */
const FINDING_VERBS = new Set([...PERCEPTION_VERBS, 'learn', 'know', 'remember']);

function foundOut(tokens: Tokens, s: Sentence, i: number): boolean {
  let j = i - 1;
  if (j >= s.from && tokens.lower[j] === 'that') j--;
  return j >= s.from && tokens.pos[j] === 'VERB' && FINDING_VERBS.has(tokens.lemma[j]!);
}

/** The verb after "and" in the same clause as the verb at `j`, or -1. */
function joinedVerb(tokens: Tokens, s: Sentence, j: number): number {
  for (let k = j + 1; k < s.to - 1; k++) {
    if (tokens.pos[k] === 'PUNCT') return -1;
    if (tokens.lower[k] !== 'and') continue;
    let v = k + 1;
    while (v < s.to && tokens.pos[v] === 'ADV') v++;
    return tokens.pos[v] === 'VERB' ? v : -1;
  }
  return -1;
}

const GAP_AFTER = new Set(['PUNCT', 'CCONJ', 'SCONJ', 'ADP']);

/**
 * "colleagues I clicked with", "the code I picked, …": after a noun, a verb missing its object opens a
 * relative clause, which describes the noun; "…cardiology coding I watched some webinars" narrates.
 */
function relativeClause(tokens: Tokens, s: Sentence, i: number): boolean {
  if (i === s.from || tokens.pos[i - 1] !== 'NOUN') return false;
  for (let j = i + 1; j < Math.min(i + 5, s.to); j++) {
    const p = tokens.pos[j];
    if (p === 'AUX' || p === 'ADV' || p === 'PART') continue;
    if (p !== 'VERB') return false;
    let k = j + 1;
    if (tokens.pos[k] === 'ADP') k++;
    return k >= s.to || GAP_AFTER.has(tokens.pos[k]!);
  }
  return false;
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
