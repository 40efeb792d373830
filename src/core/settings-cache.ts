import { actorKey } from './actor-key.ts';
import type { CoachContext } from './coach-context.ts';
import type { Actor } from './ports.ts';
import type { TenantConfig } from './records.ts';

/**
 * Settings read on every answer, cached briefly per process and timed by the coach's clock: a
 * workspace's settings and each member's timezone. The settings commands forget what they change.
 */
export function createSettingsCache(context: Pick<CoachContext, 'store' | 'clock'>) {
  const { store, clock } = context;

  /** Streaks and due dates follow the member's own timezone, else the workspace's, else UTC. */
  async function memberTimeZone(actor: Actor): Promise<string> {
    const key = actorKey(actor);
    const cached = zoneCache.get(key);
    if (cached && cached.until > clock.now()) return cached.zone;
    const settings = await store.getMemberSettings(actor);
    const zone =
      settings.timezone ?? (await tenantConfigCached(actor.platform, actor.tenant)).defaults.timezone;
    if (zoneCache.size > 10_000) zoneCache.clear();
    zoneCache.set(key, { zone, until: clock.now() + 30_000 });
    return zone;
  }
  const zoneCache = new Map<string, { zone: string; until: number }>();

  /** Tenant settings change rarely and are read on every answer: a short per-process cache. */
  const tenantCache = new Map<string, { config: TenantConfig; until: number }>();
  async function tenantConfigCached(platform: string, tenant: string): Promise<TenantConfig> {
    const key = `${platform}:${tenant}`;
    const cached = tenantCache.get(key);
    if (cached && cached.until > clock.now()) return cached.config;
    const config = await store.getTenantConfig(platform, tenant);
    tenantCache.set(key, { config, until: clock.now() + 30_000 });
    return config;
  }

  return {
    memberTimeZone,
    tenantConfigCached,
    /** After a member changes their own settings. */
    forgetMember(actor: Actor) {
      zoneCache.delete(actorKey(actor));
    },
    /** After an admin changes the workspace's settings. */
    forgetTenant(platform: string, tenant: string) {
      tenantCache.delete(`${platform}:${tenant}`);
      // Members without their own zone follow the workspace's.
      zoneCache.clear();
    },
  };
}

export type SettingsCache = ReturnType<typeof createSettingsCache>;
