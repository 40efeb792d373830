import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { BackendOptions, StoreBackend } from './store-backend.ts';
import { keyvOptions, tableName } from './store-backend.ts';

export async function openSqliteBackend(path: string, options: BackendOptions): Promise<StoreBackend> {
  mkdirSync(dirname(path), { recursive: true });
  // One shared connection: @keyv/sqlite sends every query through it, which is also why claims are
  // single statements (a BEGIN…COMMIT from concurrent callers would interleave).
  const adapter = new KeyvSqlite({
    uri: `sqlite://${path}`,
    table: tableName(options.prefix, 'kv'),
    busyTimeout: 5000,
  });
  const claims = tableName(options.prefix, 'claims');
  // WAL with synchronous=NORMAL: ten times the write rate of the default journal, still crash-safe.
  await adapter.query('PRAGMA journal_mode=WAL');
  await adapter.query('PRAGMA synchronous=NORMAL');
  await adapter.query(
    `CREATE TABLE IF NOT EXISTS ${claims} (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)`,
  );
  await adapter.query(`DELETE FROM ${claims} WHERE expires_at < ?`, options.now());

  return {
    kind: 'sqlite',
    keyv: (namespace) => new Keyv({ store: adapter, ...keyvOptions(options.prefix, namespace) }),
    async claim(key, ttlMs) {
      const now = options.now();
      // An expired claim is taken over in the same statement; a live one returns no row.
      const rows = await adapter.query(
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
      await adapter.query(`DELETE FROM ${claims} WHERE key = ?`, key);
    },
    close: () => adapter.close(),
  };
}
