import type { z } from 'zod';
import { StoreError } from '../errors.ts';

/**
 * A stored record type: every record carries `v`, is parsed with zod on read, and is migrated step by
 * step when it was written by an older version (migrations[n] turns version n into n + 1).
 */
export interface RecordType<T extends { v: number }> {
  name: string;
  version: T['v'];
  schema: z.ZodType<T>;
  migrations?: Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
}

export function readRecord<T extends { v: number }>(type: RecordType<T>, raw: unknown): T {
  let value = raw as Record<string, unknown>;
  let version = typeof value?.v === 'number' ? value.v : 0;
  while (version < type.version) {
    const migrate = type.migrations?.[version];
    if (!migrate) {
      throw new StoreError(
        'RECORD_VERSION',
        `A ${type.name} record has version ${version}, which cannot be migrated.`,
      );
    }
    value = { ...migrate(value), v: version + 1 };
    version += 1;
  }
  const parsed = type.schema.safeParse(value);
  if (!parsed.success) {
    throw new StoreError('RECORD_INVALID', `A stored ${type.name} record does not match its schema.`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
