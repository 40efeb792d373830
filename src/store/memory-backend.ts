import Keyv from 'keyv';
import type { BackendOptions, StoreBackend } from './store-backend.ts';
import { keyvOptions } from './store-backend.ts';

/** For tests and throwaway runs: nothing survives the process, and nothing is shared with another. */
export function openMemoryBackend(options: BackendOptions): StoreBackend {
  const maps = new Map<string, Map<string, unknown>>();
  const claims = new Map<string, number>();
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
    async close() {
      maps.clear();
      claims.clear();
    },
  };
}
