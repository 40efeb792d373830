/**
 * Guards that keep the grader from being fooled: instructions to the grader, keyword stuffing,
 * and answers that only repeat the question.
 */
import { isSignalWord } from './match-keys.ts';
import type { Sentence, TextAnalysis, Tokens } from './text-analysis.ts';

const GRADE = String.raw`(?:[1-5]|10|five|ten)(?:\s*\/\s*(?:5|10))?(?![\d%]|[.,]\d|\s*(?:minutes?|hours?|days?|units?|mg|ml|claims?|charts?|times?)\b)`;
const THIS_ANSWER = String.raw`(?:this|me|it|my\s+answer|the\s+answer|this\s+answer|this\s+response|my\s+response)`;
const EARLIER = '(?:previous|prior|above|earlier|preceding|former|system|grading|original|scoring)';

/**
 * Phrases that address the grader rather than the interviewer. The whole sentence around one is
 * removed. Kept narrow on purpose: "ignore the guidelines" in an answer is a red flag to grade,
 * not an instruction to remove.
 */
const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  new RegExp(
    String.raw`\b(?:give|award|grant)\s+${THIS_ANSWER}\s+(?:an?\s+)?(?:score\s+of\s+|grade\s+of\s+|rating\s+of\s+)?${GRADE}`,
    'i',
  ),
  new RegExp(String.raw`\b(?:score|grade|rating|mark)\s*[:=]\s*${GRADE}`, 'i'),
  /(?:^|[^\d/])(?:5\s*\/\s*5|10\s*\/\s*10)(?![\d/])/,
  new RegExp(
    String.raw`\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+|my\s+)?${EARLIER}\s+(?:instructions?|prompts?|rules|directions|guidelines|rubric)\b`,
    'i',
  ),
  /\b(?:ignore|disregard)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:instructions|prompt|rubric)\b/i,
  /\bas\s+(?:the|an?|my)\s+(?:grader|evaluator|ai(?!-)|language\s+model|llm|judge|scorer|marker)\b/i,
  new RegExp(
    String.raw`\byou\s+(?:must|should|will|have\s+to|need\s+to|are\s+required\s+to)\s+(?:give|award|grade|score|rate|mark|pass)\s+${THIS_ANSWER}\b`,
    'i',
  ),
  new RegExp(String.raw`\brate\s+${THIS_ANSWER}\s+(?:highly|high|well|top|a\s+${GRADE}|${GRADE})`, 'i'),
  /\b(?:give|award|deserves?|grant)\b[^.!?\n]{0,30}\b(?:full|top|perfect|maximum|max|highest)\s+(?:marks|score|points|rating|grade)\b/i,
  /\bthis\s+(?:answer|response)\s+(?:is|deserves|gets|earns)\s+(?:an?\s+)?(?:5|five|perfect|excellent|10)\b/i,
  /\bsystem\s+prompt\b/i,
  /\b(?:new|updated)\s+instructions?\s*:/i,
  /\bpretend\s+(?:you\s+are|to\s+be)\b/i,
];

export interface InstructionRemoval {
  /** The text with each instruction sentence replaced by spaces (same length). */
  text: string;
  /** Character ranges that were removed. */
  removed: Array<[number, number]>;
}

/** Blank out every sentence that tells the grader what to do. Offsets are kept. */
export function removeInstructions(text: string): InstructionRemoval {
  const removed: Array<[number, number]> = [];
  for (const pattern of INSTRUCTION_PATTERNS) {
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      let start = m.index;
      while (start > 0 && !/[.!?\n]/.test(text[start - 1]!)) start--;
      let end = m.index + m[0].length;
      while (end < text.length && !/[.!?\n]/.test(text[end]!)) end++;
      while (end < text.length && /[.!?]/.test(text[end]!)) end++;
      removed.push([start, end]);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  if (removed.length === 0) return { text, removed };
  removed.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of removed) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  let out = '';
  let cursor = 0;
  for (const [a, b] of merged) {
    out += text.slice(cursor, a) + text.slice(a, b).replace(/[^\n]/g, ' ');
    cursor = b;
  }
  return { text: out + text.slice(cursor), removed: merged };
}

const LIST_SEPARATORS = new Set([',', ';', '/', '&', 'and', 'or', '|', '+']);
const MIN_SENTENCE_WORDS = 5;
/** Share of function words and verbs below which a "sentence" is a list of terms. */
const MIN_FUNCTION_RATIO = 0.25;

/** A "sentence" that is a list of terms: many short items between commas or "and". */
function isListLike(tokens: Tokens, s: Sentence): boolean {
  let segments = 0;
  let shortSegments = 0;
  let words = 0;
  const close = (): void => {
    if (words === 0) return;
    segments++;
    if (words <= 2) shortSegments++;
    words = 0;
  };
  for (let i = s.from; i < s.to; i++) {
    if (LIST_SEPARATORS.has(tokens.lower[i]!)) close();
    else if (tokens.isWord[i]) words++;
  }
  close();
  return segments >= 4 && shortSegments / segments >= 0.75;
}

/** Parts of speech that hold a sentence together; list terms go without them. */
const GLUE_POS = new Set(['ADP', 'DET', 'PRON', 'AUX', 'CCONJ', 'SCONJ', 'PART']);
const CLAUSE_PUNCTUATION = new Set([',', ';', ':', '—', '–', '(', ')']);

interface ClauseStats {
  words: number;
  /** Function words, the parts of speech in GLUE_POS and inflected verbs. */
  glue: number;
  inflectedVerbs: number;
  /** A content word occurs twice ("non-leading query open-ended query"). */
  repeats: boolean;
}

/**
 * A clause that is a list of terms, alone or hidden in a sentence ("…, non-leading query open-ended
 * query no assumptions more specific code"): no glue at all over six words or more, or eight words
 * or more with at most one glue word, or with a quarter glue, no inflected verb and a repeated term.
 * Uninflected verbs are not glue: wink tags list terms such as "query" or "audit" as verbs.
 */
function isTermList(c: ClauseStats): boolean {
  if (c.words >= 6 && c.glue === 0) return true;
  if (c.words < 8) return false;
  return c.glue <= 1 || (c.glue / c.words < 0.25 && c.inflectedVerbs === 0 && c.repeats);
}

function hasTermListClause(tokens: Tokens, s: Sentence): boolean {
  let c: ClauseStats = { words: 0, glue: 0, inflectedVerbs: 0, repeats: false };
  let seen = new Set<string>();
  for (let i = s.from; i <= s.to; i++) {
    if (i === s.to || CLAUSE_PUNCTUATION.has(tokens.value[i]!)) {
      if (isTermList(c)) return true;
      c = { words: 0, glue: 0, inflectedVerbs: 0, repeats: false };
      seen = new Set<string>();
      continue;
    }
    // The second half of "open-ended" is part of the first word.
    const joined = tokens.value[i - 1] === '-' && tokens.start[i] === tokens.end[i - 1] && i - 1 > s.from;
    if (!tokens.isWord[i] || joined) continue;
    c.words++;
    const inflected = tokens.pos[i] === 'VERB' && tokens.lower[i] !== tokens.lemma[i];
    if (inflected) c.inflectedVerbs++;
    if (tokens.stop[i] || GLUE_POS.has(tokens.pos[i]!) || inflected) c.glue++;
    else if (!tokens.isCode[i]) {
      if (seen.has(tokens.lemma[i]!)) c.repeats = true;
      seen.add(tokens.lemma[i]!);
    }
  }
  return false;
}

export type SentenceKind = 'real' | 'stuffed' | 'fragment';

/**
 * real: a sentence with a verb, enough words and a normal share of function words; only these earn credit.
 * stuffed: a list of terms passed off as a sentence. fragment: too short or verbless to judge.
 */
export function classifySentence(tokens: Tokens, s: Sentence): SentenceKind {
  const termList =
    s.words >= MIN_SENTENCE_WORDS &&
    ((s.stopWords + s.verbs) / s.words < MIN_FUNCTION_RATIO ||
      isListLike(tokens, s) ||
      hasTermListClause(tokens, s));
  if (termList) return 'stuffed';
  if (s.words < MIN_SENTENCE_WORDS || s.verbs === 0) return 'fragment';
  return 'real';
}

/** The question's own words and codes: restating them earns nothing. */
export interface QuestionWords {
  /** Lemmas and stems of the question's content words. */
  keys: Set<string>;
  codes: Set<string>;
}

/** Content words (and codes) of a sentence, and how many are not in the question. */
function questionOverlap(
  tokens: Tokens,
  s: Sentence,
  question: QuestionWords,
): { content: number; novel: number } {
  let content = 0;
  let novel = 0;
  for (let i = s.from; i < s.to; i++) {
    if (!isSignalWord(tokens, i)) continue;
    content++;
    if (!question.keys.has(tokens.lemma[i]!) && !question.keys.has(tokens.stem[i]!)) novel++;
  }
  for (const code of s.codes) {
    content++;
    if (!question.codes.has(code)) novel++;
  }
  return { content, novel };
}

/** A sentence that only restates the question: it earns nothing. */
export function echoesQuestion(tokens: Tokens, s: Sentence, question: QuestionWords): boolean {
  const { content, novel } = questionOverlap(tokens, s, question);
  return content >= 3 && novel <= 1 && (content - novel) / content >= 0.8;
}

/**
 * The answer as a whole mostly repeats the question: half its words restate it, or 70% of its content
 * words are the question's, with fewer than 8 of its own. The caller also requires that it covered no
 * key point and raised no red flag.
 */
export function repeatsQuestion(
  analysis: TextAnalysis,
  question: QuestionWords,
  echo: readonly boolean[],
): boolean {
  let content = 0;
  let novel = 0;
  for (const s of analysis.sentences) {
    const o = questionOverlap(analysis.tokens, s, question);
    content += o.content;
    novel += o.novel;
  }
  if (content === 0) return false;
  let echoWords = 0;
  analysis.sentences.forEach((s, i) => {
    if (echo[i]) echoWords += s.words;
  });
  const mostlyEcho = analysis.wordCount > 0 && echoWords / analysis.wordCount >= 0.5;
  return (mostlyEcho || (content - novel) / content >= 0.7) && novel < 8;
}

/** Every lemma, stem and code of the question text. */
export function questionWords(question: TextAnalysis): QuestionWords {
  const keys = new Set<string>();
  const t = question.tokens;
  for (let i = 0; i < t.value.length; i++) {
    if (!isSignalWord(t, i)) continue;
    keys.add(t.lemma[i]!);
    keys.add(t.stem[i]!);
  }
  return { keys, codes: new Set(question.codes.map((c) => c.code)) };
}

export interface SortedSentences {
  /** Real sentences that do more than restate the question: only these earn key points. */
  counted: Sentence[];
  /** Sentences STAR reads: the counted ones and short ones with a verb ("We fixed it."). */
  story: Sentence[];
  stuffed: Sentence[];
  /** Per sentence of the analysis: it only restates the question. */
  echo: boolean[];
  /** Words in counted sentences. */
  realWords: number;
}

/** Decide, sentence by sentence, what may earn credit. */
export function sortSentences(analysis: TextAnalysis, question: QuestionWords): SortedSentences {
  const sorted: SortedSentences = { counted: [], story: [], stuffed: [], echo: [], realWords: 0 };
  for (const s of analysis.sentences) {
    const kind = classifySentence(analysis.tokens, s);
    const echo = kind !== 'stuffed' && echoesQuestion(analysis.tokens, s, question);
    sorted.echo.push(echo);
    if (kind === 'stuffed') sorted.stuffed.push(s);
    if (echo) continue;
    if (kind === 'real') {
      sorted.counted.push(s);
      sorted.realWords += s.words;
    }
    if (kind === 'real' || (kind === 'fragment' && s.verbs > 0)) sorted.story.push(s);
  }
  return sorted;
}
