import type { CoachContext } from './coach-context.ts';

export const defaultRetentionDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

/** Why a workspace's or server's data is going: the platform event that said the app was removed. */
export type TenantRemovalReason = 'uninstalled' | 'tokens-revoked' | 'left-server';

/** When the data of a tenant removed at `now` is deleted: after the grace period, so a mistaken uninstall can be undone. */
export function deletionDueAt(now: number, retentionDays: number): number {
  return now + retentionDays * dayMs;
}

/**
 * The app removed from a workspace or server, and installed again: removal schedules the deletion of
 * everything that tenant's members and admins left here, after `retentionDays`; a new install within
 * that time calls it off. The retention job (tenant-retention.ts) does the deleting.
 */
export function createTenantLifecycle(context: CoachContext, retentionDays: number) {
  const { store, clock, logger } = context;
  return {
    async tenantRemoved(platform: string, tenant: string, reason: TenantRemovalReason): Promise<void> {
      const dueAt = deletionDueAt(clock.now(), retentionDays);
      await store.scheduleTenantDeletion(platform, tenant, dueAt, reason);
      // No drills or reminders for a workspace the bot can no longer post in.
      await store.markScheduled(platform, tenant, false);
      logger.warn('tenant-removal-scheduled', {
        platform,
        tenant,
        reason,
        deleteAt: new Date(dueAt).toISOString(),
      });
    },
    async tenantRestored(platform: string, tenant: string): Promise<void> {
      if (!(await store.cancelTenantDeletion(platform, tenant))) return;
      const config = await store.getTenantConfig(platform, tenant);
      await store.markScheduled(platform, tenant, Object.keys(config.cohorts).length > 0);
      logger.warn('tenant-removal-cancelled', { platform, tenant });
    },
  };
}
