import { readdirSync, readFileSync, statSync } from 'node:fs';
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
  for (const { pack } of loadPackFiles(folder)) packs.set(pack.id, pack);
  return packs;
}

function loadPackFiles(folder: string): { file: string; pack: QuestionPack }[] {
  return readdirSync(folder)
    .sort()
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .map((name) => ({ file: join(folder, name), pack: loadPackFile(join(folder, name)) }));
}

/**
 * The operator's own packs (STARCOACH_PACKS_DIR) beside the built-in ones. A pack whose id is taken
 * is refused rather than left to replace the other one silently: which one a member practises would
 * then depend on the order the files were read.
 */
export function loadExtraPacks(
  folder: string,
  builtIn: ReadonlyMap<string, QuestionPack>,
): Map<string, QuestionPack> {
  const found = kindOf(folder);
  if (found !== 'folder')
    throw new ConfigError(
      'PACKS_DIR_NOT_FOUND',
      `STARCOACH_PACKS_DIR is ${folder}, which ${found === 'missing' ? 'does not exist' : 'is not a folder'}: set it to the folder that holds your pack files, or unset it.`,
    );
  const packs = new Map<string, QuestionPack>();
  const files = new Map<string, string>();
  for (const { file, pack } of loadPackFiles(folder)) {
    const taken = builtIn.has(pack.id) ? 'a built-in pack' : files.get(pack.id);
    if (taken)
      throw new ConfigError(
        'PACK_ID_TAKEN',
        `${file} has the id "${pack.id}" of ${taken}: give it an id of its own (its "id" field, e.g. "${pack.id}-local").`,
      );
    packs.set(pack.id, pack);
    files.set(pack.id, file);
  }
  return packs;
}

function kindOf(path: string): 'folder' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
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
