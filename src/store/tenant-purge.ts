import type { StoreBackend } from './store-backend.ts';

/**
 * True when a key belongs to the tenant: it starts with the tenant key (`platform:tenant`, each part
 * encoded) followed by `:` or `|` or nothing. Parts are encoded, so `slack:T1` never takes `slack:T10`.
 */
export function belongsToTenant(key: string, tenantKey: string): boolean {
  if (!key.startsWith(tenantKey)) return false;
  const next = key.charAt(tenantKey.length);
  return next === '' || next === ':' || next === '|';
}

/** A set of the tenant's own is named `<kind>:<tenant key>…` (`roster:…`, `cohort:…:<channel>`). */
export function isTenantSet(set: string, tenantKey: string): boolean {
  const colon = set.indexOf(':');
  return colon > 0 && belongsToTenant(set.slice(colon + 1), tenantKey);
}

export interface TenantPurge {
  /** Deletes one record; the store also drops what it keeps of it in memory. */
  deleteRecord(namespace: string, key: string): Promise<boolean>;
}

/**
 * Deletes everything the tenant left in the store, found by scanning rather than from a list of
 * namespaces, so a namespace added later is covered too: every record whose key belongs to it, its
 * own sets (roster, cohorts) and its membership of shared sets (the drill schedule, pending
 * deletions). Keys are collected first and deleted after, so no scan walks over its own deletions.
 * Returns how many records, sets and memberships were removed.
 */
export async function purgeTenantData(
  backend: StoreBackend,
  tenantKey: string,
  purge: TenantPurge,
): Promise<number> {
  const records: { namespace: string; key: string }[] = [];
  for await (const record of backend.scanRecords(undefined, { withExpired: true })) {
    if (belongsToTenant(record.key, tenantKey))
      records.push({ namespace: record.namespace, key: record.key });
  }
  const ownSets: string[] = [];
  const memberships: { set: string; member: string }[] = [];
  for await (const { set, members } of backend.scanSets()) {
    if (isTenantSet(set, tenantKey)) ownSets.push(set);
    else
      for (const member of members) if (belongsToTenant(member, tenantKey)) memberships.push({ set, member });
  }
  let removed = 0;
  for (const { namespace, key } of records) if (await purge.deleteRecord(namespace, key)) removed += 1;
  for (const set of ownSets) {
    await backend.deleteSet(set);
    removed += 1;
  }
  for (const { set, member } of memberships) {
    await backend.removeMember(set, member);
    removed += 1;
  }
  return removed;
}
