import Keyv from 'keyv';
import type {
  BackendOptions,
  ScannedRecord,
  ScanOptions,
  StoreBackend,
  VersionedRow,
} from './store-backend.ts';
import { firstVersion, isExpired, keyvOptions, splitRowKey } from './store-backend.ts';

/** For tests and throwaway runs: nothing survives the process, and nothing is shared with another. */
export function openMemoryBackend(options: BackendOptions): StoreBackend {
  /** Keyv's own maps, one per namespace, keyed `<prefix>:<namespace>:<key>` as Keyv writes them. */
  const maps = new Map<string, Map<string, unknown>>();
  const claims = new Map<string, number>();
  const records = new Map<string, VersionedRow>();
  const sets = new Map<string, Set<string>>();
  const recordKey = (namespace: string, key: string) => `${namespace}\n${key}`;
  const rowKey = (namespace: string, key: string) => `${options.prefix}:${namespace}:${key}`;

  function keyvMap(namespace: string): Map<string, unknown> {
    let map = maps.get(namespace);
    if (!map) {
      map = new Map();
      maps.set(namespace, map);
    }
    return map;
  }

  /**
   * As on the other engines, a record Keyv wrote (or an import put at version 0) reads as version 0,
   * so compare-and-set works on it too.
   */
  function current(namespace: string, key: string): VersionedRow | undefined {
    const row = records.get(recordKey(namespace, key));
    if (row) return row;
    const data = maps.get(namespace)?.get(rowKey(namespace, key));
    return typeof data === 'string' ? { version: 0, data } : undefined;
  }

  async function* scanRecords(namespace?: string, scan?: ScanOptions): AsyncIterable<ScannedRecord> {
    const now = scan?.withExpired ? Number.NEGATIVE_INFINITY : options.now();
    for (const [combined, row] of records) {
      const newline = combined.indexOf('\n');
      const name = combined.slice(0, newline);
      const key = combined.slice(newline + 1);
      if (namespace !== undefined && name !== namespace) continue;
      if (!isExpired(row.data, now)) yield { namespace: name, key, version: row.version, data: row.data };
    }
    for (const [name, map] of maps) {
      if (namespace !== undefined && name !== namespace) continue;
      for (const [stored, data] of map) {
        const split = splitRowKey(stored, options.prefix);
        if (!split || typeof data !== 'string' || isExpired(data, now)) continue;
        yield { namespace: name, key: split.key, version: 0, data };
      }
    }
  }

  return {
    kind: 'memory',
    keyv(namespace) {
      return new Keyv({ store: keyvMap(namespace), ...keyvOptions(options.prefix, namespace) });
    },
    async claim(key, ttlMs) {
      const now = options.now();
      const expiresAt = claims.get(key);
      if (expiresAt !== undefined && expiresAt >= now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    async release(key) {
      claims.delete(key);
    },
    async readVersioned(namespace, key) {
      return current(namespace, key);
    },
    async readVersionedMany(namespace, keys) {
      return keys.map((key) => current(namespace, key));
    },
    async readVersions(namespace, keys) {
      return keys.map((key) => current(namespace, key)?.version ?? null);
    },
    async writeVersioned(namespace, key, data, expected) {
      const row = current(namespace, key);
      if ((row?.version ?? null) !== expected) return null;
      const version = row ? row.version + 1 : firstVersion(options.now());
      records.set(recordKey(namespace, key), { version, data });
      maps.get(namespace)?.delete(rowKey(namespace, key));
      return version;
    },
    async deleteVersioned(namespace, key) {
      const versioned = records.delete(recordKey(namespace, key));
      const plain = maps.get(namespace)?.delete(rowKey(namespace, key)) ?? false;
      return versioned || plain;
    },
    async addMember(set, member) {
      let members = sets.get(set);
      if (!members) {
        members = new Set();
        sets.set(set, members);
      }
      members.add(member);
    },
    async removeMember(set, member) {
      sets.get(set)?.delete(member);
    },
    async members(set) {
      return [...(sets.get(set) ?? [])];
    },
    scanRecords,
    async *scanSets() {
      for (const [set, members] of sets) if (members.size > 0) yield { set, members: [...members] };
    },
    async putVersioned(namespace, key, data, version) {
      if (version === 0) {
        records.delete(recordKey(namespace, key));
        keyvMap(namespace).set(rowKey(namespace, key), data);
      } else {
        maps.get(namespace)?.delete(rowKey(namespace, key));
        records.set(recordKey(namespace, key), { version, data });
      }
    },
    async deleteSet(set) {
      sets.delete(set);
    },
    async close() {
      maps.clear();
      claims.clear();
      records.clear();
      sets.clear();
    },
  };
}
