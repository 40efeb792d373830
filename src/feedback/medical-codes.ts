/**
 * Medical code extraction. wink-nlp splits codes ("R07.9" → R07 . 9, and the dot ends a sentence), so
 * codes are pulled out of the text first, matched exactly, and masked before the text is analysed.
 */

export type CodeSystem = 'ICD' | 'CPT' | 'HCPCS' | 'MOD';

export interface CodeMatch {
  /** Normalised code with its system, e.g. `ICD:R07.9`, `CPT:99213`, `HCPCS:J1100`, `MOD:25`. */
  code: string;
  system: CodeSystem;
  /** Character range of the code itself (what gets masked) in the text. */
  start: number;
  end: number;
}

// HCPCS Level II: one letter A–V and four digits (J1100, G0438). Checked before ICD so "J1100" is not ICD.
const HCPCS = /\b[A-Va-v]\d{4}\b/dg;
// CPT: five digits (99213), or four digits and F/T/U (2022F, 0042T).
const CPT = /\b(?:\d{5}|\d{4}[FTUftu])\b/dg;
// ICD-10-CM: letter, digit, digit-or-letter, optional dot and 1–4 more (R07.9, E11.40, S52.521A, I10).
const ICD = /\b[A-Za-z]\d[0-9A-Za-z](?:\.[0-9A-Za-z]{1,4})?\b/dg;
// Modifiers. Letters are upper case only so "modifier to" is not read as modifier TO.
const MOD_AFTER_WORD = /\b[Mm]odifiers?[\s-]*-?\s*(\d{2}|[A-Z]{2}|[A-Z]\d)\b/dg;
const MOD_BEFORE_WORD = /(?:^|(?<=[\s(]))-?(\d{2}|[A-Z]{2}|[A-Z]\d)\s*-?\s*[Mm]odifiers?\b/dg;
const MOD_AFTER_CODE = /(?<=\b(?:\d{5}|\d{4}[FTUftu]|[A-Va-v]\d{4}))-(\d{2}|[A-Z]{2}|[A-Z]\d)\b/dg;
const MOD_STANDALONE = /(?:^|(?<=[\s(/,]))-(\d{2}|[A-Z]{2}|[A-Z]\d)\b/dg;

function overlaps(taken: CodeMatch[], start: number, end: number): boolean {
  for (const m of taken) {
    if (start < m.end && end > m.start) return true;
  }
  return false;
}

function collect(
  text: string,
  re: RegExp,
  system: CodeSystem,
  out: CodeMatch[],
  normalise: (raw: string) => string,
  group = 0,
): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const raw = m[group];
    const range = m.indices?.[group];
    if (raw === undefined || range === undefined) continue;
    const [start, end] = range;
    if (overlaps(out, start, end)) continue;
    out.push({ code: `${system}:${normalise(raw)}`, system, start, end });
  }
}

/** Every medical code in `text`, in text order, without overlaps. */
export function extractCodes(text: string): CodeMatch[] {
  const out: CodeMatch[] = [];
  const upper = (raw: string): string => raw.toUpperCase();
  // Modifiers first: their digits would otherwise never be read as codes, but "99213-25" must keep 99213.
  collect(text, MOD_AFTER_CODE, 'MOD', out, upper, 1);
  collect(text, MOD_AFTER_WORD, 'MOD', out, upper, 1);
  collect(text, MOD_BEFORE_WORD, 'MOD', out, upper, 1);
  collect(text, MOD_STANDALONE, 'MOD', out, upper, 1);
  collect(text, HCPCS, 'HCPCS', out, upper);
  collect(text, CPT, 'CPT', out, upper);
  collect(text, ICD, 'ICD', out, upper);
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** Replace each code with as many `x` as it has characters, so offsets stay the same and wink sees one word. */
export function maskCodes(text: string, codes: readonly CodeMatch[]): string {
  if (codes.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const c of codes) {
    out += text.slice(cursor, c.start) + 'x'.repeat(c.end - c.start);
    cursor = c.end;
  }
  return out + text.slice(cursor);
}

/** True for codes that are plain numbers (a CPT code or a five-digit amount): they count as specifics. */
export function isNumericCode(code: string): boolean {
  return /^CPT:\d+$/.test(code);
}
