import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { openSqliteStatements } from './sqlite-statements.ts';
import type { BackendOptions, StoreBackend, VersionedRow } from './store-backend.ts';
import {
  chunked,
  firstVersion,
  ignoreEmittedError,
  keyvOptions,
  sharedByNamespaces,
  tableName,
  withErrorListener,
} from './store-backend.ts';

/** Keys per batched read: well under SQLite's limit of 32,766 parameters. */
const manyChunk = 200;

export async function openSqliteBackend(path: string, options: BackendOptions): Promise<StoreBackend> {
  mkdirSync(dirname(path), { recursive: true });
  // Two connections: Keyv's for its own get/set, and ours (`hot`) with prepared statements for claims,
  // compare-and-set and sets. Concurrent callers share each one, which is why claims and
  // compare-and-set are single statements (a BEGIN…COMMIT from concurrent callers would interleave).
  const kv = tableName(options.prefix, 'kv');
  const busyTimeout = 5000;
  const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, table: kv, busyTimeout });
  sharedByNamespaces(adapter).on('error', ignoreEmittedError);
  const claims = tableName(options.prefix, 'claims');
  const sets = tableName(options.prefix, 'sets');
  // WAL with synchronous=NORMAL: ten times the write rate of the default journal, still crash-safe.
  await adapter.query('PRAGMA journal_mode=WAL');
  await adapter.query('PRAGMA synchronous=NORMAL');
  await addVersionColumn(adapter, kv);
  await adapter.query(
    `CREATE TABLE IF NOT EXISTS ${claims} (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)`,
  );
  await adapter.query(
    `CREATE TABLE IF NOT EXISTS ${sets} (name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (name, member))`,
  );
  await adapter.query(`DELETE FROM ${claims} WHERE expires_at < ?`, options.now());
  const hot = await openSqliteStatements(path, busyTimeout);
  // Keyv's own row for the key, so a record Keyv wrote before versions existed is found as version 0.
  const rowKey = (namespace: string, key: string) => `${options.prefix}:${namespace}:${key}`;
  const placeholders = Array(manyChunk).fill('?').join(', ');
  const manySql = `SELECT key, version, value FROM ${kv} WHERE key IN (${placeholders})`;
  const versionsSql = `SELECT key, version FROM ${kv} WHERE key IN (${placeholders})`;

  return {
    kind: 'sqlite',
    keyv: (namespace) =>
      withErrorListener(new Keyv({ store: adapter, ...keyvOptions(options.prefix, namespace) })),
    async claim(key, ttlMs) {
      const now = options.now();
      // An expired claim is taken over in the same statement; a live one returns no row.
      const rows = await hot.all(
        `INSERT INTO ${claims} (key, expires_at) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at WHERE ${claims}.expires_at < ?
         RETURNING key`,
        key,
        now + ttlMs,
        now,
      );
      return rows.length === 1;
    },
    async release(key) {
      await hot.all(`DELETE FROM ${claims} WHERE key = ?`, key);
    },
    async readVersioned(namespace, key) {
      const rows = await hot.all(`SELECT version, value FROM ${kv} WHERE key = ?`, rowKey(namespace, key));
      const row = rows[0] as { version: number; value: string } | undefined;
      return row && { version: Number(row.version), data: row.value };
    },
    async readVersionedMany(namespace, keys) {
      const found = new Map<string, VersionedRow>();
      for (const chunk of chunked(keys, manyChunk)) {
        // Always manyChunk placeholders (the last key repeated), so one prepared statement serves every read.
        const params = chunk.map((key) => rowKey(namespace, key));
        while (params.length < manyChunk) params.push(params[params.length - 1]!);
        const rows = (await hot.all(manySql, ...params)) as { key: string; version: number; value: string }[];
        for (const row of rows) found.set(row.key, { version: Number(row.version), data: row.value });
      }
      return keys.map((key) => found.get(rowKey(namespace, key)));
    },
    async readVersions(namespace, keys) {
      const found = new Map<string, number>();
      for (const chunk of chunked(keys, manyChunk)) {
        const params = chunk.map((key) => rowKey(namespace, key));
        while (params.length < manyChunk) params.push(params[params.length - 1]!);
        const rows = (await hot.all(versionsSql, ...params)) as { key: string; version: number }[];
        for (const row of rows) found.set(row.key, Number(row.version));
      }
      return keys.map((key) => found.get(rowKey(namespace, key)) ?? null);
    },
    async writeVersioned(namespace, key, data, expected) {
      const rows =
        expected === null
          ? await hot.all(
              `INSERT INTO ${kv} (key, value, version) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING RETURNING version`,
              rowKey(namespace, key),
              data,
              firstVersion(options.now()),
            )
          : await hot.all(
              `UPDATE ${kv} SET value = ?, version = version + 1 WHERE key = ? AND version = ? RETURNING version`,
              data,
              rowKey(namespace, key),
              expected,
            );
      const row = rows[0] as { version: number } | undefined;
      return row ? Number(row.version) : null;
    },
    async deleteVersioned(namespace, key) {
      const rows = await hot.all(`DELETE FROM ${kv} WHERE key = ? RETURNING key`, rowKey(namespace, key));
      return rows.length > 0;
    },
    async addMember(set, member) {
      await hot.all(`INSERT INTO ${sets} (name, member) VALUES (?, ?) ON CONFLICT DO NOTHING`, set, member);
    },
    async removeMember(set, member) {
      await hot.all(`DELETE FROM ${sets} WHERE name = ? AND member = ?`, set, member);
    },
    async members(set) {
      const rows = await hot.all(`SELECT member FROM ${sets} WHERE name = ? ORDER BY rowid`, set);
      return (rows as { member: string }[]).map((row) => row.member);
    },
    async close() {
      await hot.close();
      await adapter.close();
    },
  };
}

/**
 * Keyv's table gets a version column for compare-and-set; rows written before it read as version 0.
 * Several processes may start at once on a new file: the loser of the race sees "duplicate column".
 */
async function addVersionColumn(adapter: KeyvSqlite, table: string): Promise<void> {
  const columns = (await adapter.query(`PRAGMA table_info(${table})`)) as { name: string }[];
  if (columns.some((column) => column.name === 'version')) return;
  try {
    await adapter.query(`ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 0`);
  } catch (error) {
    if (!/duplicate column/i.test(String((error as Error).message))) throw error;
  }
}
