import { isNear, type NameStepResult } from './names.ts';
import { ANCHOR_AFTER, NOT_NAME_WORDS } from './patterns.ts';

/**
 * Names typed in any case: after a patient cue ("Pt li wei", "the patient, yuki tanaka") and, at the
 * start of a sentence, right before an identifier ("robert mcallister, MRN [MRN]"). Lower-case
 * words cannot be told from ordinary words by their shape, so a lower-case name is only taken where
 * the cue or the identifier beside it says it is one.
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
    'is not no yes any all some each every later earlier here there now then'
  ).split(' '),
);

const TOKEN = String.raw`[\p{L}][\p{L}'’-]*`;
const PATIENT_CUE = String.raw`\b(?:the\s+)?(?:patient|pt)(?:'s)?(?:\s+name)?\.?\s*(?:[:,=]\s*|-\s+|\s+(?:is|was)\s+|\s+)`;
const CUED_RUN = new RegExp(String.raw`(${PATIENT_CUE})((?:${TOKEN})(?:\s+${TOKEN}){0,3})`, 'giu');
// Only at the start of the text or a sentence, and only with the identifier's cue right after it.
const UNCUED_RUN =
  /(^|[.!?;]\s+|\n\s*|\b(?:on|belongs\s+to)\s+)((?:\p{Ll}+)(?:\s+\p{Ll}+){1,3})(?=\s*[,(]?\s*[^,()[\]]{1,40}\[(?:DOB|MRN|SSN|PHONE|EMAIL|ADDRESS|MEMBER_ID)\])/gu;
// "DOB [DOB] belongs to robert mcallister": only verbs of ownership, never "for" ("[DOB] for chest pain").
const OWNER_AFTER_ID =
  /(\[(?:DOB|MRN|SSN|PHONE|EMAIL|ADDRESS|MEMBER_ID)\],?\s+(?:belongs|belonged|belonging|is\s+registered|was\s+registered|registered)\s+to\s+)((?:\p{Ll}+)(?:\s+\p{Ll}+){1,3})/gu;
// What may stand between an uncued lower-case name and its identifier: the identifier's own cue.
const IDENTIFIER_CUE =
  /^\s*[,(]?\s*(?:dob|d\.o\.b\.?|date of birth|birth\s*date|born|mrn|mr#|medical record|med rec|acct|account|chart|ssn|ss#|social|member|subscriber|policy|mbi|medicaid|medicare|insurance|phone|cell|mobile|tel|fax|e-?mail|address|lives at|zip)\b[^[]{0,25}$/i;
const POSSESSIVE = /['’]s$/;
const VERB_SHAPE = /(?:ed|ing|ly)$/;
const CAPITALISED = /^\p{Lu}/u;
const LABEL_CUE = /:|name/i;

function isNameToken(token: string): boolean {
  const word = token.replace(/['’]s$/, '').toLowerCase();
  if (word.length < 2 || NOT_NAME_WORDS.has(word) || NOT_NAME_TOKENS.has(word)) return false;
  return CAPITALISED.test(token) || !VERB_SHAPE.test(word);
}

/** The leading tokens of `run` that can be a name, or an empty list. */
function nameTokens(run: string): string[] {
  const tokens: string[] = [];
  for (const token of run.split(/\s+/)) {
    if (!isNameToken(token)) break;
    // "Pt Ann Lee's DOB": the possessive ends the name and stays in the text.
    const possessive = POSSESSIVE.exec(token);
    tokens.push(possessive ? token.slice(0, possessive.index) : token);
    if (possessive) break;
  }
  return tokens;
}

function anchorFollows(text: string, end: number): boolean {
  const after = text.slice(end, end + 80);
  const next = ANCHOR_AFTER.exec(after);
  return next !== null && isNear(after.slice(0, next.index), 6);
}

/**
 * A run after a patient cue is a name when the cue is a label ("patient name:", "PATIENT:"), when
 * it is two or more capitalised words ("Patient Ann Lee"), or when an identifier follows it.
 */
export function redactCuedNames(text: string): NameStepResult {
  const names: string[] = [];
  const out = text.replace(CUED_RUN, (whole: string, cue: string, run: string, offset: number) => {
    const tokens = nameTokens(run);
    if (tokens.length === 0) return whole;
    // "PT" in capitals is as often physical therapy ("PT Initial Evaluation") as a patient.
    if (cue.startsWith('PT') && !cue.includes(':')) return whole;
    const name = tokens.join(' ');
    const end = offset + cue.length + name.length;
    const capitalised = tokens.length >= 2 && tokens.every((t) => CAPITALISED.test(t));
    if (!(LABEL_CUE.test(cue) || capitalised || anchorFollows(text, end))) return whole;
    // A single lower-case word after "patient" is too often an ordinary word to remove.
    if (tokens.length === 1 && !LABEL_CUE.test(cue)) return whole;
    names.push(name);
    return `${cue}[NAME]${run.slice(name.length)}`;
  });
  return { text: out, count: names.length, names };
}

export function redactUncuedLowercaseNames(text: string): NameStepResult {
  const names: string[] = [];
  const out = text.replace(UNCUED_RUN, (whole: string, before: string, run: string, offset: number) => {
    const tokens = nameTokens(run);
    if (tokens.length < 2) return whole;
    const name = tokens.join(' ');
    const end = offset + before.length + name.length;
    const anchor = text.slice(end).search(ANCHOR_AFTER);
    if (anchor < 0 || !IDENTIFIER_CUE.test(text.slice(end, end + anchor))) return whole;
    names.push(name);
    return `${before}[NAME]${run.slice(name.length)}`;
  });
  const final = out.replace(OWNER_AFTER_ID, (whole: string, before: string, run: string) => {
    const tokens = nameTokens(run);
    if (tokens.length < 2) return whole;
    const name = tokens.join(' ');
    names.push(name);
    return `${before}[NAME]${run.slice(name.length)}`;
  });
  return { text: final, count: names.length, names };
}
