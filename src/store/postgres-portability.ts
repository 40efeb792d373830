import type { ScannedRecord, ScannedSet, ScanOptions, StoreBackend } from './store-backend.ts';
import { isExpired, scanBatch, splitRowKey } from './store-backend.ts';

type Query = (sql: string, values?: unknown[]) => Promise<unknown[]>;
type Portability = Pick<StoreBackend, 'scanRecords' | 'scanSets' | 'putVersioned' | 'deleteSet'>;

/**
 * Scanning and import on PostgreSQL: pages walk the primary key (`key > last`), each a statement of
 * its own, so a long export holds no transaction or cursor open. The prefix is matched with
 * starts_with, not a range: the database's collation may not sort ':' where byte order does.
 */
// Pages start after '', which sorts before any key in every collation.
export function postgresPortability(
  query: Query,
  tables: { kv: string; sets: string },
  options: { prefix: string; now: () => number },
): Portability {
  async function* scanRecords(namespace?: string, scan?: ScanOptions): AsyncIterable<ScannedRecord> {
    const start = namespace === undefined ? `${options.prefix}:` : `${options.prefix}:${namespace}:`;
    for (let last = ''; ; ) {
      const rows = (await query(
        `SELECT key, version, value FROM ${tables.kv}
         WHERE starts_with(key, $1) AND key > $2 ORDER BY key LIMIT ${scanBatch}`,
        [start, last],
      )) as { key: string; version: string; value: string }[];
      const now = scan?.withExpired ? Number.NEGATIVE_INFINITY : options.now();
      for (const row of rows) {
        const split = splitRowKey(row.key, options.prefix);
        if (!split || isExpired(row.value, now)) continue;
        yield { ...split, version: Number(row.version), data: row.value };
      }
      if (rows.length < scanBatch) return;
      last = rows[rows.length - 1]!.key;
    }
  }

  async function* scanSets(): AsyncIterable<ScannedSet> {
    for (let last = ''; ; ) {
      const names = (
        (await query(
          `SELECT DISTINCT name FROM ${tables.sets} WHERE name > $1 ORDER BY name LIMIT ${scanBatch}`,
          [last],
        )) as { name: string }[]
      ).map((row) => row.name);
      for (const set of names) {
        const rows = (await query(`SELECT member FROM ${tables.sets} WHERE name = $1 ORDER BY added`, [
          set,
        ])) as { member: string }[];
        if (rows.length > 0) yield { set, members: rows.map((row) => row.member) };
      }
      if (names.length < scanBatch) return;
      last = names[names.length - 1]!;
    }
  }

  return {
    scanRecords,
    scanSets,
    async putVersioned(namespace, key, data, version) {
      await query(
        `INSERT INTO ${tables.kv} (key, value, version) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version`,
        [`${options.prefix}:${namespace}:${key}`, data, version],
      );
    },
    async deleteSet(set) {
      await query(`DELETE FROM ${tables.sets} WHERE name = $1`, [set]);
    },
  };
}
