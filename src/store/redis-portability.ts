import type { RedisClientType } from '@keyv/redis';
import type { ScannedRecord, ScannedSet, ScanOptions, StoreBackend, VersionedRow } from './store-backend.ts';
import { expiresOf, isExpired, scanBatch } from './store-backend.ts';

type Portability = Pick<StoreBackend, 'scanRecords' | 'scanSets' | 'putVersioned' | 'deleteSet'>;
// biome-ignore lint/complexity/noBannedTypes: the type createClient({ url }) returns: no modules, functions or scripts.
type RedisClient = RedisClientType<{}, {}, {}, 2>;

/** Where the Redis backend keeps a record, its version and a set. */
export interface RedisKeys {
  prefix: string;
  recordKey(namespace: string, key: string): string;
  versionKey(namespace: string, key: string): string;
  setKey(set: string): string;
  parseStored(raw: string | null): VersionedRow | undefined;
}

/**
 * Scanning and import on Redis: SCAN (never KEYS, which blocks the server) over this prefix's keys,
 * values fetched a batch at a time. SCAN may return a key twice while Redis resizes its table; a
 * backup then holds that record twice, which an import writes twice to the same result.
 */
export function redisPortability(client: RedisClient, keys: RedisKeys, now: () => number): Portability {
  const prefix = `${keys.prefix}:`;

  async function* scanRecords(namespace?: string, scan?: ScanOptions): AsyncIterable<ScannedRecord> {
    const match =
      namespace === undefined ? `${globEscape(prefix)}*` : `${globEscape(`${prefix}${namespace}::`)}*`;
    for await (const batch of client.scanIterator({ MATCH: match, COUNT: scanBatch, TYPE: 'string' })) {
      const found = [...new Set(batch)].flatMap((stored) => {
        const split = splitRedisKey(stored, prefix);
        return split ? [{ stored, ...split }] : [];
      });
      if (found.length === 0) continue;
      const values = await client.mGet(found.map((entry) => entry.stored));
      const at = scan?.withExpired ? Number.NEGATIVE_INFINITY : now();
      for (const [index, entry] of found.entries()) {
        const row = keys.parseStored(values[index] ?? null);
        if (!row || isExpired(row.data, at)) continue;
        yield { namespace: entry.namespace, key: entry.key, version: row.version, data: row.data };
      }
    }
  }

  async function* scanSets(): AsyncIterable<ScannedSet> {
    const setPrefix = keys.setKey('');
    const match = `${globEscape(setPrefix)}*`;
    for await (const batch of client.scanIterator({ MATCH: match, COUNT: scanBatch, TYPE: 'set' })) {
      for (const stored of new Set(batch)) {
        const members = (await client.sMembers(stored)).sort();
        if (members.length > 0) yield { set: stored.slice(setPrefix.length), members };
      }
    }
  }

  return {
    scanRecords,
    scanSets,
    async putVersioned(namespace, key, data, version) {
      const expires = expiresOf(data);
      const ttl = expires === undefined ? undefined : { PX: Math.max(1, Math.ceil(expires - now())) };
      const record = keys.recordKey(namespace, key);
      const versioned = keys.versionKey(namespace, key);
      // Version 0 is stored as Keyv stores it, plain JSON with no version key, so Keyv reads it too.
      const transaction = client.multi();
      if (version === 0) transaction.set(record, data, ttl).del(versioned);
      else transaction.set(record, `${version}\n${data}`, ttl).set(versioned, String(version), ttl);
      await transaction.exec();
    },
    async deleteSet(set) {
      await client.del(keys.setKey(set));
    },
  };
}

/**
 * Keyv's key `<prefix>:<namespace>::<key>`. A namespace never holds a colon, which tells records apart
 * from the version, claim and set keys beside them (`<prefix>:version:…`, `<prefix>:claim:…`).
 */
function splitRedisKey(stored: string, prefix: string): { namespace: string; key: string } | undefined {
  if (!stored.startsWith(prefix)) return undefined;
  const rest = stored.slice(prefix.length);
  const separator = rest.indexOf('::');
  if (separator <= 0) return undefined;
  const namespace = rest.slice(0, separator);
  if (namespace.includes(':')) return undefined;
  return { namespace, key: rest.slice(separator + 2) };
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
