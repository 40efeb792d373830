import { createHash } from 'node:crypto';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { BackendOptions, StoreBackend } from './store-backend.ts';
import { keyvOptions } from './store-backend.ts';

/**
 * Compare-and-set on one key, atomic because Redis runs a script alone. A versioned value is stored as
 * `<version>\n<json>`; a value Keyv wrote before versions existed (plain JSON) is version 0.
 * ARGV: expected version ('' = the key must not exist), the JSON, a TTL in ms ('' = none).
 * Returns the new version, or -1 when the key is not at the expected version.
 */
const compareAndSet = `
local current = redis.call('GET', KEYS[1])
local version = 0
if current then version = tonumber(string.match(current, '^(%d+)\\n')) or 0 end
if ARGV[1] == '' then
  if current then return -1 end
elseif (not current) or tostring(version) ~= ARGV[1] then
  return -1
end
local nextVersion = version + 1
if ARGV[3] == '' then
  redis.call('SET', KEYS[1], nextVersion .. '\\n' .. ARGV[2])
else
  redis.call('SET', KEYS[1], nextVersion .. '\\n' .. ARGV[2], 'PX', ARGV[3])
end
return nextVersion
`;
const compareAndSetSha = createHash('sha1').update(compareAndSet).digest('hex');

export async function openRedisBackend(url: string, options: BackendOptions): Promise<StoreBackend> {
  const client = createClient({ url });
  await client.connect();
  const adapters: KeyvRedis<unknown>[] = [];
  // Keyv's own key for the namespace (the Redis adapter joins namespace and key with '::').
  const recordKey = (namespace: string, key: string) => `${options.prefix}:${namespace}::${key}`;
  const setKey = (set: string) => `${options.prefix}:set:${set}`;

  async function runCompareAndSet(args: string[], key: string): Promise<number> {
    const call = { keys: [key], arguments: args };
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
      adapters.push(adapter);
      return new Keyv({ store: adapter, ...keyvOptions(options.prefix, namespace), useKeyPrefix: false });
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
      const raw = await client.get(recordKey(namespace, key));
      if (raw === null) return undefined;
      const match = /^(\d+)\n/.exec(raw);
      return match
        ? { version: Number(match[1]), data: raw.slice(match[0].length) }
        : { version: 0, data: raw };
    },
    async writeVersioned(namespace, key, data, expected, ttlMs) {
      const ttl = ttlMs === undefined ? '' : String(Math.max(1, Math.ceil(ttlMs)));
      const version = await runCompareAndSet(
        [expected === null ? '' : String(expected), data, ttl],
        recordKey(namespace, key),
      );
      return version < 0 ? null : version;
    },
    async deleteVersioned(namespace, key) {
      return (await client.del(recordKey(namespace, key))) > 0;
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
