import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BackendCase {
  name: string;
  /** null when the backend's server is not configured; the tests are then skipped, saying which variable to set. */
  url: string | null;
  skipReason: string;
}

/** Every store backend: memory and SQLite always; Redis and PostgreSQL when REDIS_URL / DATABASE_URL are set. */
export function backendCases(): BackendCase[] {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-store-'));
  return [
    { name: 'memory', url: 'memory://', skipReason: '' },
    { name: 'sqlite', url: `sqlite://${join(dir, 'state.sqlite')}`, skipReason: '' },
    {
      name: 'redis',
      url: process.env.REDIS_URL ?? null,
      skipReason: 'set REDIS_URL (e.g. redis://127.0.0.1:6379) to run the Redis store tests',
    },
    {
      name: 'postgres',
      url: process.env.DATABASE_URL ?? null,
      skipReason:
        'set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run the PostgreSQL store tests',
    },
  ];
}

/** A prefix no other test file or run shares, so parallel files never touch each other's tables or keys. */
export function uniquePrefix(file: string): string {
  return `t_${file.replace(/[^a-z0-9]/gi, '_')}_${process.pid}_${Date.now().toString(36)}`;
}

/** Removes what a test file left on a shared server: its tables on PostgreSQL, its keys on Redis. */
export async function dropTestData(backend: BackendCase, prefix: string): Promise<void> {
  if (backend.url === null) return;
  if (backend.name === 'postgres') {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: backend.url });
    await client.connect();
    try {
      await client.query(`DROP TABLE IF EXISTS ${prefix}_kv, ${prefix}_claims, ${prefix}_sets`);
    } finally {
      await client.end();
    }
  }
  if (backend.name === 'redis') {
    const { createClient } = await import('@keyv/redis');
    const client = createClient({ url: backend.url });
    await client.connect();
    try {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
        if (keys.length) await client.del(keys);
      }
    } finally {
      await client.quit();
    }
  }
}
