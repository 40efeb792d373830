import { z } from 'zod';

/**
 * A backup is JSON Lines: a header, one line per record and per set, and an end line with the counts,
 * so a file cut short (a full disk, a dropped connection) is told apart from a complete one.
 */
export const backupFormat = 'starcoach-backup';
export const backupVersion = 1;

export const backupHeaderSchema = z.object({
  format: z.literal(backupFormat),
  version: z.literal(backupVersion),
  exportedAt: z.string(),
  store: z.enum(['sqlite', 'postgres', 'redis', 'memory']),
  prefix: z.string(),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/** `data` is the record as stored: Keyv's envelope (`value`, `expires`) with the record inside. */
export const backupRecordSchema = z.object({
  type: z.literal('record'),
  namespace: z.string().regex(/^[^:\s]+$/, 'a namespace has no colon or space'),
  key: z.string().min(1),
  version: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()),
});
export type BackupRecord = z.infer<typeof backupRecordSchema>;

export const backupSetSchema = z.object({
  type: z.literal('set'),
  set: z.string().min(1),
  members: z.array(z.string()),
});
export type BackupSet = z.infer<typeof backupSetSchema>;

export const backupEndSchema = z.object({
  type: z.literal('end'),
  records: z.number().int().nonnegative(),
  sets: z.number().int().nonnegative(),
});

export const backupEntrySchema = z.discriminatedUnion('type', [
  backupRecordSchema,
  backupSetSchema,
  backupEndSchema,
]);
export type BackupEntry = z.infer<typeof backupEntrySchema>;
