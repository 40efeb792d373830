import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import pg from 'pg';
import type { BackendOptions, StoreBackend } from './store-backend.ts';
import { keyvOptions, tableName } from './store-backend.ts';

type Query = (sql: string, values?: unknown[]) => Promise<unknown[]>;

/**
 * @keyv/postgres keeps one pool per process and ends it on any adapter's disconnect, which would cut
 * off every other store opened on the same URL. Each backend here owns its pool instead.
 */
function pooledAdapter(pool: pg.Pool, table: string): KeyvPostgres {
  class PooledKeyvPostgres extends KeyvPostgres {
    override async connect(): Promise<Query> {
      return async (sql, values) => (await pool.query(sql, values)).rows;
    }
    override async disconnect(): Promise<void> {}
  }
  return new PooledKeyvPostgres({ table });
}

export async function openPostgresBackend(url: string, options: BackendOptions): Promise<StoreBackend> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const adapter = pooledAdapter(pool, tableName(options.prefix, 'kv'));
  const claims = tableName(options.prefix, 'claims');
  await adapter.query(
    `CREATE TABLE IF NOT EXISTS ${claims} (key TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`,
  );
  await adapter.query(`DELETE FROM ${claims} WHERE expires_at < $1`, [options.now()]);

  return {
    kind: 'postgres',
    keyv: (namespace) => new Keyv({ store: adapter, ...keyvOptions(options.prefix, namespace) }),
    async claim(key, ttlMs) {
      const now = options.now();
      // One statement: an expired claim is taken over, a live one returns no row.
      const rows = await adapter.query(
        `INSERT INTO ${claims} (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE ${claims}.expires_at < $3
         RETURNING key`,
        [key, now + ttlMs, now],
      );
      return rows.length === 1;
    },
    async release(key) {
      await adapter.query(`DELETE FROM ${claims} WHERE key = $1`, [key]);
    },
    close: () => pool.end(),
  };
}
