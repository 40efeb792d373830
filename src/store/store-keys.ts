import { actorKey } from '../core/actor-key.ts';
import type { Actor } from '../core/ports.ts';

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
