import type { SqliteStatements } from './sqlite-statements.ts';
import type { ScannedRecord, ScannedSet, ScanOptions, StoreBackend } from './store-backend.ts';
import { isExpired, scanBatch, splitRowKey } from './store-backend.ts';

type Portability = Pick<StoreBackend, 'scanRecords' | 'scanSets' | 'putVersioned' | 'deleteSet'>;

/**
 * Scanning and import on SQLite: pages walk the primary key (`key > last`), so each statement reads a
 * bounded run of the index and a long scan never holds a read transaction open.
 */
export function sqlitePortability(
  hot: SqliteStatements,
  tables: { kv: string; sets: string },
  options: { prefix: string; now: () => number },
): Portability {
  const recordsSql = `SELECT key, version, value FROM ${tables.kv}
    WHERE key > ? AND key < ? ORDER BY key LIMIT ${scanBatch}`;
  const setNamesSql = `SELECT DISTINCT name FROM ${tables.sets} WHERE name > ? ORDER BY name LIMIT ${scanBatch}`;

  async function* scanRecords(namespace?: string, scan?: ScanOptions): AsyncIterable<ScannedRecord> {
    // Every key that starts with `start` (which ends in ':') sorts between it and the same text
    // ending in ';' instead, in SQLite's byte order.
    const start = namespace === undefined ? `${options.prefix}:` : `${options.prefix}:${namespace}:`;
    const end = `${start.slice(0, -1)};`;
    for (let last = start; ; ) {
      const rows = (await hot.all(recordsSql, last, end)) as {
        key: string;
        version: number;
        value: string;
      }[];
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
      const names = ((await hot.all(setNamesSql, last)) as { name: string }[]).map((row) => row.name);
      for (const set of names) {
        const rows = (await hot.all(
          `SELECT member FROM ${tables.sets} WHERE name = ? ORDER BY rowid`,
          set,
        )) as { member: string }[];
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
      await hot.all(
        `INSERT INTO ${tables.kv} (key, value, version) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = excluded.version`,
        `${options.prefix}:${namespace}:${key}`,
        data,
        version,
      );
    },
    async deleteSet(set) {
      await hot.all(`DELETE FROM ${tables.sets} WHERE name = ?`, set);
    },
  };
}
