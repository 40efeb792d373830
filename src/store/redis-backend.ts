import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { BackendOptions, StoreBackend } from './store-backend.ts';
import { keyvOptions } from './store-backend.ts';

export async function openRedisBackend(url: string, options: BackendOptions): Promise<StoreBackend> {
  const client = createClient({ url });
  await client.connect();
  const adapters: KeyvRedis<unknown>[] = [];

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
    async close() {
      if (client.isOpen) await client.quit();
    },
  };
}
