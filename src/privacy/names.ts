import {
  ANCHOR_AFTER,
  ANCHOR_BEFORE,
  BARE_DATE,
  CLINICIAN_AFTER,
  CLINICIAN_BEFORE,
  NAME_PLACEHOLDER,
  NAME_RUN,
  NOT_NAME_WORDS,
  TITLE_START,
} from './patterns.ts';

/** A name or identifier's position in the text: [start, end). */
interface Span {
  start: number;
  end: number;
}

export interface StepResult {
  text: string;
  count: number;
}

/** A step that removes names also says which, so later mentions of them can go too. */
export interface NameStepResult extends StepResult {
  names: string[];
}

// A name "stands beside" an identifier when both sit in one clause, a few words apart.
const WINDOW_CHARS = 80;
const MAX_GAP_CHARS = 60;
const WORDS_NAME_THEN_ID = 8; // "Mr. Okonjo on 5/2/2024 and he had member ID …"
const WORDS_ID_THEN_NAME = 8; // "MRN 448812 and acct 5512 were swapped on the sheet for John Smith"
const CLAUSE_BREAK = /[;!?\n]|\.\s+[A-Z]/;
const GAP_WORD = /[^\s,:()[\]\-–—]+/g;
const WORD = /\S+/g;
const DATE_PARTS = /^(\d+)[-/.](\d+)[-/.](\d+)$/;
// A date introduced as a visit, a coverage change or a signature is not a birth date, even beside a
// name: "Patient Ann Lee was seen on 03/14/2024", "inactive on 01/01/2024".
const NOT_BIRTH_DATE_CUE =
  /\b(?:DOS|date\s+of\s+(?:service|admission|discharge|injury)|service\s+date|on|since|from|until|through|thru|effective|as\s+of|by|before|after|between)\s*:?\s*$/i;
const WORD_SUFFIX = /[.']+$|'s$/;
const INITIAL = /^[A-Z]\.?$/;
const ALL_CAPS = /^[A-Z]{2,}(?:['-][A-Z]{2,})*(?:'S)?$/;
// Beyond this many rounds a longer list of names is left as is; one or two rounds is the norm.
const MAX_NAME_ROUNDS = 3;

export function isNear(gap: string, maxWords: number): boolean {
  if (gap.length > MAX_GAP_CHARS || CLAUSE_BREAK.test(gap)) return false;
  let words = 0;
  for (const _ of gap.matchAll(GAP_WORD)) if (++words > maxWords) return false;
  return true;
}

function isNameWord(word: string): boolean {
  return !INITIAL.test(word) && !NOT_NAME_WORDS.has(word.replace(WORD_SUFFIX, '').toLowerCase());
}

/** The part of a capitalised run that is a person's name, or null (stop words, clinicians). */
function nameSpan(run: string, offset: number, text: string): Span | null {
  const end = offset + run.length;
  if (TITLE_START.test(run)) return { start: offset, end };
  const words = [...run.matchAll(WORD)];
  let first = 0;
  let last = words.length;
  while (first < last && !isNameWord(words[first]![0])) first++;
  while (last > first && !isNameWord(words[last - 1]![0])) last--;
  // "Later ANN LEE": a name typed in capitals does not take the capitalised word before it along.
  if (words.slice(first, last).some((w) => ALL_CAPS.test(w[0]))) {
    while (first < last && !ALL_CAPS.test(words[first]![0])) first++;
  }
  const kept = words.slice(first, last);
  // Initials may sit inside a name ("John A. Smith") but never make one up alone.
  if (kept.length < 2 || kept.length > 4 || !kept.every((w) => isNameWord(w[0]) || INITIAL.test(w[0]))) {
    return null;
  }
  if (first > 0 && CLINICIAN_BEFORE.test(`${words[first - 1]![0]} `)) return null;
  const span = { start: offset + kept[0]!.index, end: offset + kept.at(-1)!.index + kept.at(-1)![0].length };
  const before = text.slice(Math.max(0, span.start - 12), span.start);
  if (CLINICIAN_BEFORE.test(before) || CLINICIAN_AFTER.test(text.slice(span.end, span.end + 8))) return null;
  return span;
}

function namesIn(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  for (const m of text.slice(from, to).matchAll(NAME_RUN)) {
    const span = nameSpan(m[0], from + m.index, text);
    if (span) spans.push(span);
  }
  for (const m of text.slice(from, to).matchAll(NAME_PLACEHOLDER)) {
    spans.push({ start: from + m.index, end: from + m.index + m[0].length });
  }
  return spans;
}

/** True when a person's name (or an already-removed one) stands beside [start, end). */
function nameBeside(text: string, start: number, end: number): boolean {
  const before = namesIn(text, Math.max(0, start - WINDOW_CHARS), start).filter((s) => s.end <= start);
  const nearestBefore = before.reduce<Span | null>((a, s) => (a && a.end > s.end ? a : s), null);
  if (nearestBefore && isNear(text.slice(nearestBefore.end, start), WORDS_NAME_THEN_ID)) return true;
  const after = namesIn(text, end, end + WINDOW_CHARS);
  const nearestAfter = after.reduce<Span | null>((a, s) => (a && a.start < s.start ? a : s), null);
  return nearestAfter !== null && isNear(text.slice(end, nearestAfter.start), WORDS_ID_THEN_NAME);
}

/** True when an identifier placeholder stands beside the name at `span`. */
function identifierBeside(text: string, span: Span): boolean {
  const after = text.slice(span.end, span.end + WINDOW_CHARS);
  const next = ANCHOR_AFTER.exec(after);
  if (next && isNear(after.slice(0, next.index), WORDS_NAME_THEN_ID)) return true;
  const previous = ANCHOR_BEFORE.exec(text.slice(Math.max(0, span.start - WINDOW_CHARS), span.start));
  return previous !== null && isNear(previous[1]!, WORDS_ID_THEN_NAME);
}

// Rejects shapes like version numbers ("20.14.23") that only look like dates.
function isPlausibleDate(date: string): boolean {
  const parts = DATE_PARTS.exec(date);
  if (!parts) return true;
  const [a, b, c] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (parts[1]!.length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}

/**
 * A full date beside a patient's name is treated as a birth date: together they identify the
 * patient even when no "DOB" cue is typed ("Jane Doe 1/2/1980"). Other dates (dates of service,
 * "in 2023") stay.
 */
export function redactDatesBesideNames(text: string): StepResult {
  let count = 0;
  const out = text.replace(BARE_DATE, (date: string, offset: number, whole: string) => {
    if (!isPlausibleDate(date) || NOT_BIRTH_DATE_CUE.test(whole.slice(Math.max(0, offset - 30), offset)))
      return date;
    if (!nameBeside(whole, offset, offset + date.length)) return date;
    count++;
    return '[DOB]';
  });
  return { text: out, count };
}

function redactNamesOnce(text: string): NameStepResult {
  const names: string[] = [];
  const out = text.replace(NAME_RUN, (run: string, offset: number, whole: string) => {
    const span = nameSpan(run, offset, whole);
    if (!span || !identifierBeside(whole, span)) return run;
    names.push(whole.slice(span.start, span.end));
    return `${whole.slice(offset, span.start)}[NAME]${whole.slice(span.end, offset + run.length)}`;
  });
  return { text: out, count: names.length, names };
}

/**
 * Removes names that stand beside an identifier placeholder. Repeats because removing one name
 * shortens the gap for the next ("John Smith and Mary Jones, DOB …"), which keeps the whole
 * redaction idempotent.
 */
export function redactNamesBesideIdentifiers(text: string): NameStepResult {
  if (!ANCHOR_AFTER.test(text)) return { text, count: 0, names: [] };
  let result: NameStepResult = { text, count: 0, names: [] };
  for (let round = 0; round < MAX_NAME_ROUNDS; round++) {
    const step = redactNamesOnce(result.text);
    if (step.count === 0) break;
    result = { text: step.text, count: result.count + step.count, names: [...result.names, ...step.names] };
  }
  return result;
}
