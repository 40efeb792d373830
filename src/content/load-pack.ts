import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { ConfigError, PackError } from '../errors.ts';
import { packagePath } from '../package-root.ts';
import { type QuestionPack, questionPackSchema } from './pack-schema.ts';

/** The packs shipped with starcoach, beside `src/`. */
export const builtInContentDir = packagePath('content');

/** Parses a pack; every problem names the question id (when there is one), the field and what is wrong. */
export function parsePack(file: string, data: unknown): QuestionPack {
  const parsed = questionPackSchema.safeParse(data);
  if (parsed.success) return withCommonRedFlags(parsed.data);
  throw new PackError(
    file,
    parsed.error.issues.map((issue) => describeIssue(data, issue)),
  );
}

/** Copies the pack's common red flags into every question (marked `common`), after its own. */
function withCommonRedFlags(pack: QuestionPack): QuestionPack {
  const common = pack.commonRedFlags ?? [];
  if (common.length === 0) return pack;
  return {
    ...pack,
    questions: pack.questions.map((q) => {
      const own = new Set(q.redFlags.map((rf) => rf.label.toLowerCase()));
      const added = common
        .filter((rf) => !own.has(rf.label.toLowerCase()))
        .map((rf) => ({ ...rf, common: true as const }));
      return { ...q, redFlags: [...q.redFlags, ...added] };
    }),
  };
}

export function loadPackFile(path: string): QuestionPack {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('PACK_NOT_FOUND', `Cannot read pack file ${path}: check the path.`, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PackError(path, [`not valid JSON (${(error as Error).message})`]);
  }
  return parsePack(path, data);
}

/** Loads every `*.json` pack in a folder (the JSON Schema file aside), keyed by pack id. */
export function loadPacks(folder: string = builtInContentDir): Map<string, QuestionPack> {
  const packs = new Map<string, QuestionPack>();
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.json') || name.endsWith('.schema.json')) continue;
    const pack = loadPackFile(join(folder, name));
    packs.set(pack.id, pack);
  }
  return packs;
}

function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  const where = questionLabel(data, issue.path) ?? 'pack';
  const field = path.length === 0 ? '(top level)' : path.join('.');
  return `${where}, field ${field}: ${issue.message}`;
}

function questionLabel(data: unknown, path: PropertyKey[]): string | null {
  if (path[0] !== 'questions' || typeof path[1] !== 'number') return null;
  const questions = (data as { questions?: unknown[] })?.questions;
  const question = questions?.[path[1]] as { id?: unknown } | undefined;
  return typeof question?.id === 'string' ? `question "${question.id}"` : `question #${path[1] + 1}`;
}
