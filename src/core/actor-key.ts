import type { Actor } from './ports.ts';

/** A member's stable key across the store, budgets and caches: platform, tenant and user. */
export function actorKey(actor: Actor): string {
  return [actor.platform, actor.tenant, actor.user].map(encodeURIComponent).join(':');
}

/** A workspace's or server's key: its settings, roster, drill schedule and question of the day. */
export function tenantKey(platform: string, tenant: string): string {
  return [platform, tenant].map(encodeURIComponent).join(':');
}
