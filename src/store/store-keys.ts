import type { Actor } from '../core/ports.ts';

/** A user's key: platform, tenant and user, each encoded so no two users can share one. */
export function actorKey(actor: Actor): string {
  return [actor.platform, actor.tenant, actor.user].map(encodeURIComponent).join(':');
}

export function tenantKey(platform: string, tenant: string): string {
  return [platform, tenant].map(encodeURIComponent).join(':');
}

export function ownerKey(owner: Actor | string): string {
  return typeof owner === 'string' ? owner : actorKey(owner);
}

export function usageKey(userKey: string, day: string): string {
  return `${userKey}|${day}`;
}

export function sessionKey(owner: Actor, channel: string): string {
  return `${actorKey(owner)}|${encodeURIComponent(channel)}`;
}

export function threadKey(platform: string, tenant: string, thread: string): string {
  return [platform, tenant, thread].map(encodeURIComponent).join(':');
}
