import { nameTokens } from './name-tokens.ts';
import type { NameStepResult } from './names.ts';
import { ANCHOR_AFTER } from './patterns.ts';

/**
 * Lower-case names with no patient cue, taken only where the identifier itself says whose it is:
 * right before it at the start of a sentence ("robert mcallister, MRN [MRN]", "li wei dob [DOB]")
 * or after a verb of ownership ("[DOB] belongs to robert mcallister").
 */

// At the start of the text or a sentence, and only with the identifier's cue right after it.
const UNCUED_RUN =
  /(^|[.!?;]\s+|\n\s*|\b(?:on|belongs\s+to)\s+)((?:\p{Ll}+)(?:\s+\p{Ll}+){1,3})(?=\s*[,(]?\s*[^,()[\]]{1,40}\[(?:DOB|MRN|SSN|PHONE|EMAIL|ADDRESS|MEMBER_ID)\])/gu;
// "DOB [DOB] belongs to robert mcallister": only verbs of ownership, never "for" ("[DOB] for chest pain").
const OWNER_AFTER_ID =
  /(\[(?:DOB|MRN|SSN|PHONE|EMAIL|ADDRESS|MEMBER_ID)\],?\s+(?:belongs|belonged|belonging|is\s+registered|was\s+registered|registered)\s+to\s+)((?:\p{Ll}+)(?:\s+\p{Ll}+){1,3})/gu;
// What may stand between an uncued lower-case name and its identifier: the identifier's own cue.
const IDENTIFIER_CUE =
  /^\s*[,(]?\s*(?:dob|d\.o\.b\.?|date of birth|birth\s*date|born|mrn|mr#|medical record|med rec|acct|account|chart|ssn|ss#|social|member|subscriber|policy|mbi|medicaid|medicare|insurance|phone|cell|mobile|tel|fax|e-?mail|address|lives at|zip)\b[^[]{0,25}$/i;

function replaceName(before: string, run: string, names: string[]): string | null {
  const tokens = nameTokens(run);
  if (tokens.length < 2) return null;
  const name = tokens.join(' ');
  names.push(name);
  return `${before}[NAME]${run.slice(name.length)}`;
}

export function redactLowercaseNamesBesideIdentifiers(text: string): NameStepResult {
  const names: string[] = [];
  const out = text.replace(UNCUED_RUN, (whole: string, before: string, run: string, offset: number) => {
    const name = nameTokens(run).join(' ');
    const end = offset + before.length + name.length;
    const anchor = text.slice(end).search(ANCHOR_AFTER);
    if (anchor < 0 || !IDENTIFIER_CUE.test(text.slice(end, end + anchor))) return whole;
    return replaceName(before, run, names) ?? whole;
  });
  const final = out.replace(
    OWNER_AFTER_ID,
    (whole: string, before: string, run: string) => replaceName(before, run, names) ?? whole,
  );
  return { text: final, count: names.length, names };
}
