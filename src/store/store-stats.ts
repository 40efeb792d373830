import type { StoreBackend } from './store-backend.ts';

export interface StoreStats {
  store: StoreBackend['kind'];
  /** Per namespace: live records and the characters of their stored JSON. */
  namespaces: Record<string, { records: number; bytes: number }>;
  /** Per kind of set (`roster`, `cohort`, `scheduled`): how many sets and members. */
  sets: Record<string, { sets: number; members: number }>;
}

/** Counts what a store holds, scanning it once; nothing is read into memory beyond a batch. */
export async function storeStats(backend: StoreBackend): Promise<StoreStats> {
  const namespaces: StoreStats['namespaces'] = {};
  for await (const record of backend.scanRecords()) {
    const entry = namespaces[record.namespace] ?? { records: 0, bytes: 0 };
    namespaces[record.namespace] = entry;
    entry.records += 1;
    entry.bytes += Buffer.byteLength(record.data);
  }
  const sets: StoreStats['sets'] = {};
  for await (const set of backend.scanSets()) {
    const kind = set.set.split(':')[0]!;
    const entry = sets[kind] ?? { sets: 0, members: 0 };
    sets[kind] = entry;
    entry.sets += 1;
    entry.members += set.members.length;
  }
  return { store: backend.kind, namespaces: sorted(namespaces), sets: sorted(sets) };
}

function sorted<T>(entries: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
}
