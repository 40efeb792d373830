import type { NameStepResult } from './names.ts';
import { CLINICIAN_AFTER, CLINICIAN_BEFORE, NOT_NAME_WORDS } from './patterns.ts';

/**
 * Once a name has been removed beside an identifier, its later mentions in the same answer give
 * the patient away just as well ("Later Ms. Lee was readmitted", "ANN LEE asked for a bill"), so
 * they go too: the whole name in any case, and each part of it with or without a title.
 */

const TITLE = /^(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+/i;
const PARTICLES: ReadonlySet<string> = new Set(
  'van von der den de del della da di du la le bin ibn al el dos das'.split(' '),
);
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function partsOf(name: string): string[] {
  return name
    .replace(TITLE, '')
    .split(/\s+/)
    .filter((part) => {
      const word = part.toLowerCase();
      return (
        part.replace(/\.$/, '').length >= 2 &&
        LETTER.test(part) &&
        !NOT_NAME_WORDS.has(word) &&
        !PARTICLES.has(word)
      );
    });
}

function mentionPattern(names: readonly string[]): RegExp | null {
  const alternatives = new Set<string>();
  for (const name of names) {
    const bare = name.replace(TITLE, '').trim();
    if (bare.includes(' ')) alternatives.add(bare.split(/\s+/).map(escapeRegExp).join(String.raw`\s+`));
    for (const part of partsOf(name)) alternatives.add(escapeRegExp(part));
  }
  if (alternatives.size === 0) return null;
  // Longest first, so "Ann Lee" is taken whole rather than as "Ann" and then "Lee".
  const sorted = [...alternatives].sort((a, b) => b.length - a.length);
  return new RegExp(
    String.raw`(?<![\p{L}\p{N}'’-])(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?(?:${sorted.join('|')})(?![\p{L}\p{N}-]|['’]\p{L}{2})`,
    'giu',
  );
}

export function redactRepeatedNames(text: string, names: readonly string[]): NameStepResult {
  const pattern = mentionPattern(names);
  if (!pattern) return { text, count: 0, names: [] };
  // A name learnt in capitals or title case is only matched where the mention has a capital too,
  // so a patient called "Will" or "Hope" does not take the ordinary word with them.
  const learntLowercase = names.some((name) => !UPPER.test(name));
  const found: string[] = [];
  const out = text.replace(pattern, (mention: string, offset: number) => {
    if (!learntLowercase && !UPPER.test(mention)) return mention;
    if (CLINICIAN_BEFORE.test(text.slice(Math.max(0, offset - 12), offset))) return mention;
    if (CLINICIAN_AFTER.test(text.slice(offset + mention.length, offset + mention.length + 8)))
      return mention;
    found.push(mention);
    return '[NAME]';
  });
  return { text: out, count: found.length, names: found };
}
