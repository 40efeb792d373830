import { type QuestionKind, type QuestionLevel, questionKinds, questionLevels } from '../../src/index.ts';
import { userId } from './parse-config.ts';

/** `/coach pair …` as the adapter acts on it. */
export type PairCommand =
  | {
      kind: 'pair-join';
      packId: string | null;
      questionKind: QuestionKind | null;
      level: QuestionLevel | null;
    }
  | { kind: 'pair-cancel' }
  | { kind: 'pair-card' }
  | { kind: 'pair-block'; block: boolean; user: string }
  | { kind: 'pair-usage' };

/**
 * `pair [pack] [kind] [level]` in any order, `pair cancel`, `pair card`, `pair block @member`, `pair unblock @member`.
 * An unknown word is taken as the pack, so the core names the packs that do exist. Pure.
 */
export function parsePairCommand(words: readonly string[], knownPacks: readonly string[]): PairCommand {
  const [first = '', ...rest] = words;
  const verb = first.toLowerCase();
  if (verb === 'cancel' || verb === 'leave')
    return rest.length === 0 ? { kind: 'pair-cancel' } : { kind: 'pair-usage' };
  if (verb === 'card') return rest.length === 0 ? { kind: 'pair-card' } : { kind: 'pair-usage' };
  if (verb === 'block' || verb === 'unblock') {
    const user = rest.length === 1 ? userId(rest[0]!) : undefined;
    return user ? { kind: 'pair-block', block: verb === 'block', user } : { kind: 'pair-usage' };
  }
  return parseJoin(words, knownPacks);
}

function parseJoin(words: readonly string[], knownPacks: readonly string[]): PairCommand {
  const join: Extract<PairCommand, { kind: 'pair-join' }> = {
    kind: 'pair-join',
    packId: null,
    questionKind: null,
    level: null,
  };
  for (const raw of words) {
    const word = raw.toLowerCase();
    if ((questionKinds as readonly string[]).includes(word)) join.questionKind = word as QuestionKind;
    else if ((questionLevels as readonly string[]).includes(word)) join.level = word as QuestionLevel;
    else if (join.packId !== null && !knownPacks.includes(word)) return { kind: 'pair-usage' };
    else if (join.packId === null || knownPacks.includes(word)) join.packId = word;
  }
  return join;
}
