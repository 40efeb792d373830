import type { QuestionPack } from '../content/pack-schema.ts';
import { UsageError } from './usage-error.ts';

export function requirePack(packs: Map<string, QuestionPack>, id: string | undefined): QuestionPack {
  const known = [...packs.keys()].join(', ');
  if (!id) throw new UsageError(`--pack is required. Packs: ${known}.`);
  const pack = packs.get(id);
  if (!pack) throw new UsageError(`There is no pack called "${id}". Packs: ${known}.`);
  return pack;
}
