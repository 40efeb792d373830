import { tenantKey } from '../core/actor-key.ts';
import type { TenantDeletionDue } from '../core/store-port.ts';
import type { VersionedRecords } from './record-cas.ts';
import { tenantDeletionRecord } from './records.ts';
import type { StoreBackend } from './store-backend.ts';
import { readRecord } from './versioned-record.ts';

const namespace = 'deletions';
/** Tenant keys with a deletion pending: a set, so the retention job finds them without listing keys. */
const pendingSet = 'deletions';

/**
 * Workspaces and servers that removed the app, with the date their data goes. A record per tenant
 * holds the date (compare-and-set, so the latest removal wins); the set lists them for every instance.
 */
export class TenantDeletions {
  readonly #backend: StoreBackend;
  readonly #records: VersionedRecords;

  constructor(backend: StoreBackend, records: VersionedRecords) {
    this.#backend = backend;
    this.#records = records;
  }

  async schedule(platform: string, tenant: string, dueAt: number, reason: string): Promise<void> {
    const key = tenantKey(platform, tenant);
    await this.#records.update(namespace, key, () => ({ value: { v: 1, dueAt, reason } }));
    await this.#backend.addMember(pendingSet, key);
  }

  /** True when a deletion was pending (the tenant came back in time). */
  async cancel(platform: string, tenant: string): Promise<boolean> {
    const key = tenantKey(platform, tenant);
    const pending = (await this.#backend.members(pendingSet)).includes(key);
    await this.#backend.removeMember(pendingSet, key);
    const deleted = await this.#records.delete(namespace, key);
    return pending || deleted;
  }

  /** Pending deletions whose date has come, earliest first. */
  async due(now: number): Promise<TenantDeletionDue[]> {
    const keys = await this.#backend.members(pendingSet);
    if (keys.length === 0) return [];
    const records = await this.#records.readValues(namespace, keys, (value) =>
      readRecord(tenantDeletionRecord, value),
    );
    const due: TenantDeletionDue[] = [];
    keys.forEach((key, index) => {
      const record = records[index];
      const parts = splitTenantKey(key);
      if (record && parts && record.dueAt <= now)
        due.push({ ...parts, dueAt: record.dueAt, reason: record.reason });
    });
    return due.sort((a, b) => a.dueAt - b.dueAt);
  }
}

function splitTenantKey(key: string): { platform: string; tenant: string } | null {
  const parts = key.split(':');
  if (parts.length !== 2) return null;
  return { platform: decodeURIComponent(parts[0]!), tenant: decodeURIComponent(parts[1]!) };
}
