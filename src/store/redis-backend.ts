import { createHash } from 'node:crypto';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { BackendOptions, StoreBackend, VersionedRow } from './store-backend.ts';
import {
  chunked,
  firstVersion,
  ignoreEmittedError,
  keyvOptions,
  sharedByNamespaces,
  withErrorListener,
} from './store-backend.ts';

/**
 * Compare-and-set on one record, atomic because Redis runs a script alone. The record is stored in
 * Keyv's key as `<version>\n<json>`, and its version again in a small key beside it, which is all the
 * script reads: the JSON, already prefixed by the caller, is only passed through. A record Keyv wrote
 * before versions existed (plain JSON, no version key) is version 0.
 * KEYS: the record, its version. ARGV: the expected version ('' = no record), the new stored value,
 * a TTL in ms ('' = none), the new version (as text: Lua would print a large number as 1.8e+15).
 * Returns the new version, or -1 when the record is not at the expected one.
 */
const compareAndSet = `
local version = nil
if redis.call('EXISTS', KEYS[1]) == 1 then version = tonumber(redis.call('GET', KEYS[2])) or 0 end
if ARGV[1] == '' then
  if version then return -1 end
elseif version == nil or version ~= tonumber(ARGV[1]) then
  return -1
end
if ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('SET', KEYS[2], ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
end
return tonumber(ARGV[4])
`;
const compareAndSetSha = createHash('sha1').update(compareAndSet).digest('hex');

export async function openRedisBackend(url: string, options: BackendOptions): Promise<StoreBackend> {
  let opened = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: options.connectTimeoutMs,
      // While opening, a failure is reported at once rather than retried until the deadline; once
      // open, a dropped connection is retried, as a bot must outlive a Redis restart.
      reconnectStrategy: (retries) => (opened ? Math.min(50 * 2 ** retries, 2000) : false),
    },
  });
  // Commands reject with the failure themselves; without a listener the same failure, emitted as an
  // event, would end the process.
  sharedByNamespaces(client).on('error', ignoreEmittedError);
  options.signal?.throwIfAborted();
  options.signal?.addEventListener('abort', () => client.destroy(), { once: true });
  await client.connect();
  if (options.signal?.aborted) {
    // Connected after the caller gave up: nobody will close this client, so it must not stay open.
    client.destroy();
    options.signal.throwIfAborted();
  }
  opened = true;
  const adapters: KeyvRedis<unknown>[] = [];
  // Keyv's own key for the namespace (the Redis adapter joins namespace and key with '::').
  const recordKey = (namespace: string, key: string) => `${options.prefix}:${namespace}::${key}`;
  const versionKey = (namespace: string, key: string) => `${options.prefix}:version:${namespace}::${key}`;
  const setKey = (set: string) => `${options.prefix}:set:${set}`;

  async function runCompareAndSet(keys: string[], args: string[]): Promise<number> {
    const call = { keys, arguments: args };
    try {
      return Number(await client.evalSha(compareAndSetSha, call));
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return Number(await client.eval(compareAndSet, call));
    }
  }

  return {
    kind: 'redis',
    keyv(namespace) {
      // One adapter per namespace: the Redis adapter prefixes keys itself, and a shared one would
      // take the namespace of whichever Keyv set it last.
      const adapter = new KeyvRedis(client, { throwOnErrors: true });
      adapter.on('error', ignoreEmittedError);
      adapters.push(adapter);
      return withErrorListener(
        new Keyv({ store: adapter, ...keyvOptions(options.prefix, namespace), useKeyPrefix: false }),
      );
    },
    async claim(key, ttlMs) {
      const reply = await client.set(`${options.prefix}:claim:${key}`, '1', {
        NX: true,
        PX: Math.max(1, ttlMs),
      });
      return reply === 'OK';
    },
    async release(key) {
      await client.del(`${options.prefix}:claim:${key}`);
    },
    async readVersioned(namespace, key) {
      return parseStored(await client.get(recordKey(namespace, key)));
    },
    async readVersionedMany(namespace, keys) {
      const rows: (VersionedRow | undefined)[] = [];
      for (const chunk of chunked(keys, 500)) {
        const values = await client.mGet(chunk.map((key) => recordKey(namespace, key)));
        for (const raw of values) rows.push(parseStored(raw));
      }
      return rows;
    },
    async readVersions(namespace, keys) {
      const versions: (number | null)[] = [];
      for (const chunk of chunked(keys, 500)) {
        // No version key: no record, or one from before versions (read in full, where it shows as 0).
        const values = await client.mGet(chunk.map((key) => versionKey(namespace, key)));
        for (const value of values) versions.push(value === null ? 0 : Number(value));
      }
      return versions;
    },
    async writeVersioned(namespace, key, data, expected, ttlMs) {
      const ttl = ttlMs === undefined ? '' : String(Math.max(1, Math.ceil(ttlMs)));
      const keys = [recordKey(namespace, key), versionKey(namespace, key)];
      const next = expected === null ? firstVersion(options.now()) : expected + 1;
      const stored = `${next}\n${data}`;
      const version = await runCompareAndSet(keys, [
        expected === null ? '' : String(expected),
        stored,
        ttl,
        String(next),
      ]);
      return version < 0 ? null : version;
    },
    async deleteVersioned(namespace, key) {
      const [deleted] = await Promise.all([
        client.del(recordKey(namespace, key)),
        client.del(versionKey(namespace, key)),
      ]);
      return deleted > 0;
    },
    async addMember(set, member) {
      await client.sAdd(setKey(set), member);
    },
    async removeMember(set, member) {
      await client.sRem(setKey(set), member);
    },
    async members(set) {
      return (await client.sMembers(setKey(set))).sort();
    },
    async close() {
      if (client.isOpen) await client.quit();
    },
  };
}

/** A stored record, `<version>\n<json>`; plain JSON (written by Keyv before versions existed) is version 0. */
function parseStored(raw: string | null): VersionedRow | undefined {
  if (raw === null) return undefined;
  const match = /^(\d+)\n/.exec(raw);
  return match ? { version: Number(match[1]), data: raw.slice(match[0].length) } : { version: 0, data: raw };
}
