import Keyv from 'keyv';
import type { BackendOptions, StoreBackend, VersionedRow } from './store-backend.ts';
import { firstVersion, keyvOptions } from './store-backend.ts';

/** For tests and throwaway runs: nothing survives the process, and nothing is shared with another. */
export function openMemoryBackend(options: BackendOptions): StoreBackend {
  const maps = new Map<string, Map<string, unknown>>();
  const claims = new Map<string, number>();
  const records = new Map<string, VersionedRow>();
  const sets = new Map<string, Set<string>>();
  const recordKey = (namespace: string, key: string) => `${namespace}\n${key}`;
  return {
    kind: 'memory',
    keyv(namespace) {
      let map = maps.get(namespace);
      if (!map) {
        map = new Map();
        maps.set(namespace, map);
      }
      return new Keyv({ store: map, ...keyvOptions(options.prefix, namespace) });
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
      return records.get(recordKey(namespace, key));
    },
    async readVersionedMany(namespace, keys) {
      return keys.map((key) => records.get(recordKey(namespace, key)));
    },
    async readVersions(namespace, keys) {
      return keys.map((key) => records.get(recordKey(namespace, key))?.version ?? null);
    },
    async writeVersioned(namespace, key, data, expected) {
      const current = records.get(recordKey(namespace, key));
      if ((current?.version ?? null) !== expected) return null;
      const version = current ? current.version + 1 : firstVersion(options.now());
      records.set(recordKey(namespace, key), { version, data });
      return version;
    },
    async deleteVersioned(namespace, key) {
      return records.delete(recordKey(namespace, key));
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
    async close() {
      maps.clear();
      claims.clear();
      records.clear();
      sets.clear();
    },
  };
}
