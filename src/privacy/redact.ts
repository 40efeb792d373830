import { redactCuedNames } from './cued-names.ts';
import { redactLowercaseNamesBesideIdentifiers } from './lowercase-names.ts';
import { type NameStepResult, redactDatesBesideNames, redactNamesBesideIdentifiers } from './names.ts';
import { DETECTORS, type Detector } from './patterns.ts';
import { redactRepeatedNames } from './repeated-names.ts';

export type IdentifierKind = 'DOB' | 'MRN' | 'SSN' | 'PHONE' | 'EMAIL' | 'ADDRESS' | 'MEMBER_ID' | 'NAME';

export interface Redaction {
  /** The answer with each identifier replaced by a placeholder such as `[DOB]`. */
  text: string;
  /** How many identifiers of each kind were replaced; kinds with none are absent. */
  found: Partial<Record<IdentifierKind, number>>;
  count: number;
}

type Found = Redaction['found'];

function tally(found: Found, kind: IdentifierKind, n = 1): void {
  if (n > 0) found[kind] = (found[kind] ?? 0) + n;
}

function applyDetector(text: string, detector: Detector, found: Found, names: string[]): string {
  return text.replace(detector.pattern, (_match: string, kept: string, value: string) => {
    tally(found, detector.kind);
    if (detector.kind === 'NAME') names.push(value);
    return `${kept}[${detector.kind}]`;
  });
}

/**
 * Replaces patient identifiers in a typed answer with typed placeholders (`[DOB]`, `[MRN]`, …)
 * so it can be stored, graded or sent on. Medical codes, amounts and counts are left alone.
 * Pure and idempotent: redacting the output again changes nothing.
 */
export function redactIdentifiers(text: string): Redaction {
  const found: Found = {};
  const names: string[] = [];
  let out = text;
  for (const detector of DETECTORS) out = applyDetector(out, detector, found, names);
  const nameStep = (step: NameStepResult): void => {
    tally(found, 'NAME', step.count);
    names.push(...step.names);
    out = step.text;
  };
  // Cued names go first so a bare date beside one ("Pt li wei 3/14/62") reads as a birth date;
  // later mentions go last because they need every name the other steps found.
  nameStep(redactCuedNames(out));
  const dates = redactDatesBesideNames(out);
  tally(found, 'DOB', dates.count);
  out = dates.text;
  nameStep(redactNamesBesideIdentifiers(out));
  nameStep(redactLowercaseNamesBesideIdentifiers(out));
  if (names.length > 0) nameStep(redactRepeatedNames(out, names));
  let count = 0;
  for (const n of Object.values(found)) count += n;
  return { text: out, found, count };
}

// Names first, then the order of IdentifierKind: the sentence reads "a name and a date of birth".
const LABELS: ReadonlyArray<readonly [IdentifierKind, string, string]> = [
  ['NAME', 'a name', 'names'],
  ['DOB', 'a date of birth', 'dates of birth'],
  ['MRN', 'an MRN', 'MRNs'],
  ['SSN', 'a Social Security number', 'Social Security numbers'],
  ['PHONE', 'a phone number', 'phone numbers'],
  ['EMAIL', 'an email address', 'email addresses'],
  ['ADDRESS', 'an address', 'addresses'],
  ['MEMBER_ID', 'an insurance member ID', 'insurance member IDs'],
];

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What happens to the answer next; the note must not promise a save that never happens. */
export type RedactionPurpose = 'saving' | 'grading';

/**
 * Tells the user what was removed, e.g. "I removed a date of birth and 2 MRNs from your answer
 * before saving it." (or "before grading it." where nothing is stored). Null when nothing was removed.
 */
export function describeRedaction(found: Found, purpose: RedactionPurpose = 'saving'): string | null {
  const parts: string[] = [];
  for (const [kind, one, many] of LABELS) {
    const n = found[kind] ?? 0;
    if (n === 1) parts.push(one);
    else if (n > 1) parts.push(`${n} ${many}`);
  }
  if (parts.length === 0) return null;
  return `I removed ${joinList(parts)} from your answer before ${purpose} it.`;
}
