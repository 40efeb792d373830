import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import pg from 'pg';
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
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Covers the handshake too, so a server that never answers like PostgreSQL fails instead of hanging.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 0,
  });
  // An idle client whose connection drops is reported here; the next query opens a new one.
  pool.on('error', ignoreEmittedError);
  options.signal?.addEventListener(
    'abort',
    () => void (pool.ending || pool.end().catch(ignoreEmittedError)),
    {
      once: true,
    },
  );
  const kv = tableName(options.prefix, 'kv');
  const claims = tableName(options.prefix, 'claims');
  const sets = tableName(options.prefix, 'sets');
  const query: Query = async (sql, values) => (await pool.query(sql, values)).rows;
  try {
    await createSchema(pool, { kv, claims, sets });
    await query(`DELETE FROM ${claims} WHERE expires_at < $1`, [options.now()]);
    // Opened after the caller gave up: nobody will close this pool, so it must not stay open.
    options.signal?.throwIfAborted();
  } catch (error) {
    if (!pool.ending) await pool.end();
    throw error;
  }
  const adapter = pooledAdapter(pool, kv);
  sharedByNamespaces(adapter).on('error', ignoreEmittedError);
  const rowKey = (namespace: string, key: string) => `${options.prefix}:${namespace}:${key}`;

  return {
    kind: 'postgres',
    keyv: (namespace) =>
      withErrorListener(new Keyv({ store: adapter, ...keyvOptions(options.prefix, namespace) })),
    async claim(key, ttlMs) {
      const now = options.now();
      // One statement: an expired claim is taken over, a live one returns no row.
      const rows = await query(
        `INSERT INTO ${claims} (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE ${claims}.expires_at < $3
         RETURNING key`,
        [key, now + ttlMs, now],
      );
      return rows.length === 1;
    },
    async release(key) {
      await query(`DELETE FROM ${claims} WHERE key = $1`, [key]);
    },
    async readVersioned(namespace, key) {
      const rows = await query(`SELECT version, value FROM ${kv} WHERE key = $1`, [rowKey(namespace, key)]);
      const row = rows[0] as { version: string; value: string } | undefined;
      return row && { version: Number(row.version), data: row.value };
    },
    async readVersionedMany(namespace, keys) {
      const found = new Map<string, VersionedRow>();
      for (const chunk of chunked(keys, 1000)) {
        const rows = (await query(`SELECT key, version, value FROM ${kv} WHERE key = ANY($1)`, [
          chunk.map((key) => rowKey(namespace, key)),
        ])) as { key: string; version: string; value: string }[];
        for (const row of rows) found.set(row.key, { version: Number(row.version), data: row.value });
      }
      return keys.map((key) => found.get(rowKey(namespace, key)));
    },
    async readVersions(namespace, keys) {
      const found = new Map<string, number>();
      for (const chunk of chunked(keys, 1000)) {
        const rows = (await query(`SELECT key, version FROM ${kv} WHERE key = ANY($1)`, [
          chunk.map((key) => rowKey(namespace, key)),
        ])) as { key: string; version: string }[];
        for (const row of rows) found.set(row.key, Number(row.version));
      }
      return keys.map((key) => found.get(rowKey(namespace, key)) ?? null);
    },
    async writeVersioned(namespace, key, data, expected) {
      const rows =
        expected === null
          ? await query(
              `INSERT INTO ${kv} (key, value, version) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING version`,
              [rowKey(namespace, key), data, firstVersion(options.now())],
            )
          : await query(
              `UPDATE ${kv} SET value = $1, version = version + 1 WHERE key = $2 AND version = $3 RETURNING version`,
              [data, rowKey(namespace, key), expected],
            );
      const row = rows[0] as { version: string } | undefined;
      return row ? Number(row.version) : null;
    },
    async deleteVersioned(namespace, key) {
      const rows = await query(`DELETE FROM ${kv} WHERE key = $1 RETURNING key`, [rowKey(namespace, key)]);
      return rows.length > 0;
    },
    async addMember(set, member) {
      await query(`INSERT INTO ${sets} (name, member) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [set, member]);
    },
    async removeMember(set, member) {
      await query(`DELETE FROM ${sets} WHERE name = $1 AND member = $2`, [set, member]);
    },
    async members(set) {
      const rows = await query(`SELECT member FROM ${sets} WHERE name = $1 ORDER BY added`, [set]);
      return (rows as { member: string }[]).map((row) => row.member);
    },
    close: async () => {
      if (!pool.ending) await pool.end();
    },
  };
}

/**
 * Creates the tables once per prefix. Instances starting together (replicas, shards, several CLI runs)
 * take turns under an advisory lock: concurrent DDL on one name races on PostgreSQL's catalog and can
 * fail or deadlock. When the tables are there already (every start but the first) nothing is locked.
 */
async function createSchema(
  pool: pg.Pool,
  tables: { kv: string; claims: string; sets: string },
): Promise<void> {
  const client = await pool.connect();
  const query: Query = async (sql, values) => (await client.query(sql, values)).rows;
  const lockKey = `starcoach:schema:${tables.kv}`;
  try {
    if (await schemaReady(query, tables)) return;
    await query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      // Keyv's table (the same statement @keyv/postgres runs) is created first, so the version column
      // can be added before anything reads it.
      await createOnce(
        query,
        `CREATE TABLE IF NOT EXISTS public.${tables.kv}(key VARCHAR(255) PRIMARY KEY, value TEXT )`,
      );
      await addVersionColumn(query, tables.kv);
      await createOnce(
        query,
        `CREATE TABLE IF NOT EXISTS ${tables.claims} (key TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`,
      );
      await createOnce(
        query,
        `CREATE TABLE IF NOT EXISTS ${tables.sets} (name TEXT NOT NULL, member TEXT NOT NULL, added BIGSERIAL, PRIMARY KEY (name, member))`,
      );
    } finally {
      await query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    client.release();
  }
}

/** Every table there, and the version column too. */
async function schemaReady(
  query: Query,
  tables: { kv: string; claims: string; sets: string },
): Promise<boolean> {
  const rows = (await query(
    `SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL AS tables,
       EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $4 AND column_name = 'version') AS versioned`,
    [`public.${tables.kv}`, tables.claims, tables.sets, tables.kv.toLowerCase()],
  )) as { tables: boolean; versioned: boolean }[];
  return rows[0]?.tables === true && rows[0]?.versioned === true;
}

/**
 * Keyv's table gets a version column for compare-and-set; rows written before it read as version 0.
 * Looked up first: ALTER TABLE locks the table even when the column is already there.
 */
async function addVersionColumn(query: Query, table: string): Promise<void> {
  const found = await query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'version'`,
    [table.toLowerCase()],
  );
  if (found.length === 0) {
    await query(`ALTER TABLE public.${table} ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0`);
  }
}

/**
 * CREATE TABLE IF NOT EXISTS from several processes at once can still fail on PostgreSQL's catalog
 * (a unique violation on pg_type, or "already exists"): the table is there then, made by the other one.
 */
async function createOnce(query: Query, sql: string): Promise<void> {
  try {
    await query(sql);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw error;
  }
}
