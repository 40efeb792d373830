import type Keyv from 'keyv';
import { tenantKey } from '../core/actor-key.ts';
import type { InstallationRecords } from '../core/installations.ts';

/**
 * Installations on the shared store, keyed by platform and tenant: every instance reads the same
 * tokens. Plain sets, no compare-and-set: an install replaces the record whole and the last one wins,
 * as it does on the platform.
 */
export function createInstallationRecords(keyv: Keyv): InstallationRecords {
  return {
    async get(platform, tenant) {
      const stored: unknown = await keyv.get(tenantKey(platform, tenant));
      return stored ?? undefined;
    },
    async put(platform, tenant, installation) {
      await keyv.set(tenantKey(platform, tenant), installation);
    },
    delete(platform, tenant) {
      return keyv.delete(tenantKey(platform, tenant));
    },
  };
}
