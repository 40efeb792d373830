import { UserFacingError } from '../errors.ts';
import type { CoachContext } from './coach-context.ts';
import { isValidTimeZone } from './daily-question.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';
import type { SettingsCache } from './settings-cache.ts';
import {
  applyTenantConfigChange,
  assertCanConfigure,
  type TenantConfigChange,
  viewTenantConfig,
} from './tenant-settings.ts';

export interface MemberSettingsChange {
  timezone?: string | null;
  leaderboard?: boolean;
}

/** A workspace's or server's settings (admins and instructors change them) and each member's own. */
export function createSettings(context: CoachContext, caches: SettingsCache) {
  const { store, packs, clock } = context;
  return {
    tenantConfig: async (platform: string, tenant: string) =>
      viewTenantConfig(await store.getTenantConfig(platform, tenant), clock.now()),
    async showTenantConfig(actor: Actor) {
      assertCanConfigure(actor);
      return viewTenantConfig(await store.getTenantConfig(actor.platform, actor.tenant), clock.now());
    },
    memberSettings: (actor: Actor) => store.getMemberSettings(actor),
    async updateMemberSettings(actor: Actor, change: MemberSettingsChange) {
      if (change.timezone && !isValidTimeZone(change.timezone)) {
        throw new UserFacingError('INVALID_TIMEZONE', messages.invalidTimeZone(change.timezone));
      }
      return store.withUser(actor, async () => {
        const next = await store.updateMemberSettings(actor, (current) => ({ ...current, ...change }));
        caches.forgetMember(actor);
        if (next.leaderboard) await store.joinRoster(actor);
        return next;
      });
    },
    async configureTenant(actor: Actor, change: TenantConfigChange) {
      assertCanConfigure(actor);
      const next = await store.updateTenantConfig(actor.platform, actor.tenant, (current) =>
        applyTenantConfigChange(current, change, [...packs.keys()], clock.now()),
      );
      await store.markScheduled(actor.platform, actor.tenant, next.drillChannel !== null);
      caches.forgetTenant(actor.platform, actor.tenant);
      return viewTenantConfig(next, clock.now());
    },
  };
}
