import type { z } from 'zod';
import { StoreError } from '../errors.ts';
import {
  type BackupEntry,
  type BackupHeader,
  backupEntrySchema,
  backupHeaderSchema,
} from './backup-format.ts';
import type { StoreBackend } from './store-backend.ts';

export interface BackupSummary {
  header: BackupHeader;
  records: number;
  sets: number;
}

/** Writes in flight at once while importing: enough to hide round trips, few enough for any pool. */
const writeBatch = 32;

/**
 * Reads a whole backup without writing anything: every line must parse, and the end line must be
 * there with the counts of what came before it. Import runs this first, so a file cut short or
 * edited by hand leaves the store as it was.
 */
export async function checkBackup(lines: AsyncIterable<string>, source: string): Promise<BackupSummary> {
  let header: BackupHeader | undefined;
  let records = 0;
  let sets = 0;
  let ended = false;
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    const at = `${source} line ${number}`;
    if (ended) throw invalid(`${at}: there is more after the end line`);
    if (!header) {
      header = parseLine(line, backupHeaderSchema, at);
      continue;
    }
    const entry = parseLine(line, backupEntrySchema, at);
    if (entry.type === 'record') records += 1;
    else if (entry.type === 'set') sets += 1;
    else {
      if (entry.records !== records || entry.sets !== sets) {
        throw invalid(
          `${at}: the end line counts ${entry.records} records and ${entry.sets} sets, but the file holds ${records} and ${sets}`,
        );
      }
      ended = true;
    }
  }
  if (!header) throw invalid(`${source} is empty: it holds no starcoach backup`);
  if (!ended) throw invalid(`${source} has no end line: it was cut short`);
  return { header, records, sets };
}

/**
 * Writes every record (with the version it had) and every set member of a backup checked by
 * checkBackup. Records overwrite what is there and members are added, so importing again changes
 * nothing. Records are written as they were stored: the normal read path migrates older ones.
 */
export async function importBackup(
  lines: AsyncIterable<string>,
  backend: StoreBackend,
): Promise<{ records: number; sets: number }> {
  let records = 0;
  let sets = 0;
  let pending: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  // A write that fails while the next lines are read must not go unhandled: it is kept, then thrown.
  const settle = async () => {
    await Promise.all(pending);
    pending = [];
    if (failure) throw failure.error;
  };
  const write = async (next: Promise<void>) => {
    pending.push(
      next.catch((error: unknown) => {
        failure ??= { error };
      }),
    );
    if (pending.length >= writeBatch) await settle();
  };
  let first = true;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (first) {
      first = false;
      continue;
    }
    const entry: BackupEntry = backupEntrySchema.parse(JSON.parse(line));
    if (entry.type === 'record') {
      records += 1;
      await write(
        backend.putVersioned(entry.namespace, entry.key, JSON.stringify(entry.data), entry.version),
      );
    } else if (entry.type === 'set') {
      sets += 1;
      for (const member of entry.members) await write(backend.addMember(entry.set, member));
    }
  }
  await settle();
  return { records, sets };
}

function parseLine<T>(line: string, schema: z.ZodType<T>, at: string): T {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw invalid(`${at} is not JSON (${(error as Error).message})`, error);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw invalid(`${at}: ${issue?.message ?? 'not a backup line'}${path}`, parsed.error);
  }
  return parsed.data;
}

function invalid(reason: string, cause?: unknown): StoreError {
  return new StoreError(
    'BACKUP_INVALID',
    `${reason}. Nothing was imported; export the store again with: starcoach data export --out FILE`,
    { cause },
  );
}
