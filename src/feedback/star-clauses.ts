/**
 * Dense stories pack several STAR parts into one sentence: "It was my error to own, so I told my
 * supervisor immediately, we called the customer and she returned it the next day." STAR reads such
 * a sentence clause by clause, so each part can find its own evidence.
 */
import { countWords, type Sentence, type Tokens } from './text-analysis.ts';

const SUBJECTS = new Set(['i', 'we', 'he', 'she', 'they', 'it', 'my', 'our', 'his', 'her', 'their']);
const JOINERS = new Set(['and', 'so', 'but', 'then']);
/** Words that open a clause framing the next one. */
const FRAMES = new Set(['when', 'while', 'after', 'before', 'once', 'as']);
/** A clause shorter than this stays with the one before it. */
const MIN_CLAUSE_WORDS = 4;
/** Sentences shorter than this are read whole. */
const MIN_SPLIT_WORDS = 18;

/** A past-tense verb: "went", "built", "scored". */
function pastVerbAt(tokens: Tokens, j: number): boolean {
  const lower = tokens.lower[j]!;
  return tokens.pos[j] === 'VERB' && lower !== tokens.lemma[j] && !lower.endsWith('ing');
}

/**
 * Token indices where a new clause starts: after ";" or ":", or a comma followed by a new subject or
 * by the next past-tense verb of a list ("I owned it, went through the rules, and scored 98%").
 */
function clauseStarts(tokens: Tokens, s: Sentence): number[] {
  const starts = [s.from];
  for (let i = s.from + 1; i < s.to - 1; i++) {
    const v = tokens.value[i]!;
    if (v === ';' || v === ':') starts.push(i + 1);
    else if (v === ',') {
      let j = i + 1;
      if (JOINERS.has(tokens.lower[j]!)) j++;
      if (
        SUBJECTS.has(tokens.lower[j]!) ||
        (tokens.lower[j] === 'the' && tokens.pos[j + 1] === 'NOUN') ||
        pastVerbAt(tokens, j)
      )
        starts.push(i + 1);
    }
  }
  return starts;
}

function subSentence(tokens: Tokens, s: Sentence, from: number, to: number, index: number): Sentence | null {
  let a = from;
  let b = to;
  while (a < b && !tokens.isWord[a]) a++;
  while (b > a && tokens.value[b - 1] === ',') b--;
  if (a >= b) return null;
  const { words, stopWords, verbs, hasNumber: counted } = countWords(tokens, a, b);
  const start = tokens.start[a]!;
  const end = tokens.end[b - 1]!;
  const codeAt = new Map([...s.codeAt].filter(([, at]) => at >= a && at < b));
  const hasNumber = counted || [...codeAt.keys()].some((c) => /\d/.test(c) && s.hasNumber);
  return {
    ...s,
    index,
    start,
    end,
    from: a,
    to: b,
    codes: new Set(codeAt.keys()),
    codeAt,
    words,
    stopWords,
    contentWords: words - stopWords,
    verbs,
    hasNumber,
    lowerText: s.lowerText.slice(start - s.start, end - s.start),
  };
}

/** The story's sentences, long ones split into clauses, in order. */
export function storyClauses(tokens: Tokens, sentences: readonly Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sentences) {
    if (s.words < MIN_SPLIT_WORDS) {
      out.push({ ...s, index: out.length });
      continue;
    }
    const starts = clauseStarts(tokens, s);
    const pieces: Array<[number, number]> = [];
    let lead = false;
    starts.forEach((from, k) => {
      const to = starts[k + 1] ?? s.to;
      const last = pieces[pieces.length - 1];
      let words = 0;
      let verb = false;
      for (let i = from; i < to; i++) {
        if (tokens.isWord[i]) words++;
        if (tokens.pos[i] === 'VERB' || tokens.pos[i] === 'AUX') verb = true;
      }
      // "In my first year, our review found…", "When I was a shift lead, the fridge ran warm": a lead
      // without a verb of its own, or a fronted "when" clause, sets the scene for the clause after it.
      if (last && (words < MIN_CLAUSE_WORDS || lead)) last[1] = to;
      else pieces.push([from, to]);
      lead = pieces.length === 1 && (!verb || FRAMES.has(tokens.lower[from]!));
    });
    for (const [from, to] of pieces) {
      const clause = subSentence(tokens, s, from, to, out.length);
      if (clause) out.push(clause);
    }
  }
  return out;
}
