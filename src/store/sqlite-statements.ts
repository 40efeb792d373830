import sqlite3 from 'sqlite3';

/**
 * A connection of our own beside Keyv's, for the statements every turn runs (read and
 * compare-and-set a record, claim a delivery). Each is prepared once and reused: @keyv/sqlite
 * prepares every query anew, which was a third of a turn's time in the store. A prepared statement
 * runs one call at a time, so concurrent callers queue on it rather than on the connection's mutex.
 */
export interface SqliteStatements {
  all(sql: string, ...params: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function openSqliteStatements(path: string, busyTimeoutMs: number): Promise<SqliteStatements> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(path, (error) =>
      error ? reject(error) : resolve(opened),
    );
  });
  db.configure('busyTimeout', busyTimeoutMs);
  // Per connection, unlike journal_mode: without it every commit waits for an fsync.
  await new Promise<void>((resolve, reject) =>
    db.run('PRAGMA synchronous=NORMAL', (error) => (error ? reject(error) : resolve())),
  );
  const prepared = new Map<string, sqlite3.Statement>();

  function statement(sql: string): sqlite3.Statement {
    let found = prepared.get(sql);
    if (!found) {
      found = db.prepare(sql);
      prepared.set(sql, found);
    }
    return found;
  }

  return {
    all(sql, ...params) {
      return new Promise((resolve, reject) => {
        statement(sql).all(...params, (error: Error | null, rows: unknown[]) =>
          error ? reject(error) : resolve(rows),
        );
      });
    },
    async close() {
      for (const found of prepared.values())
        await new Promise<void>((resolve) => found.finalize(() => resolve()));
      prepared.clear();
      await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
