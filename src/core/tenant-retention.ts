import { tenantKey } from './actor-key.ts';
import type { Logger } from './logger.ts';
import type { Clock, SessionStore } from './ports.ts';
import type { TenantDeletionDue } from './store-port.ts';
import { createTicker } from './ticker.ts';

export interface RetentionSchedulerDependencies {
  store: Pick<
    SessionStore,
    'dueTenantDeletions' | 'purgeTenant' | 'cancelTenantDeletion' | 'claim' | 'releaseClaim'
  >;
  clock: Clock;
  logger: Logger;
}

/** Deletions fall due by the day; an hourly look finds each within the hour. */
const intervalMs = 60 * 60 * 1000;
/**
 * Held by the instance purging a tenant; kept after a purge so an instance that listed the tenant as
 * due just before does not purge it a second time. Longer than a purge of a large tenant takes.
 */
const purgeClaimMs = 60 * 60 * 1000;

/**
 * Deletes the data of workspaces and servers whose removal's grace period has passed (see
 * tenant-lifecycle.ts): at start and every hour. Every instance runs it; a claim in the shared store
 * lets one of them purge each tenant.
 */
export function createRetentionScheduler(deps: RetentionSchedulerDependencies) {
  const { store, clock, logger } = deps;

  async function purge(due: TenantDeletionDue): Promise<boolean> {
    const key = tenantKey(due.platform, due.tenant);
    const claim = `purge:${key}`;
    if (!(await store.claim(claim, purgeClaimMs))) return false;
    try {
      // Installed again since the list was read: the data stays.
      const still = await store.dueTenantDeletions(clock.now());
      if (!still.some((entry) => tenantKey(entry.platform, entry.tenant) === key)) {
        await store.releaseClaim(claim);
        return false;
      }
      const records = await store.purgeTenant(due.platform, due.tenant);
      await store.cancelTenantDeletion(due.platform, due.tenant);
      logger.warn('tenant-purged', { platform: due.platform, tenant: due.tenant, records });
      return true;
    } catch (error) {
      await store.releaseClaim(claim).catch(() => undefined);
      throw error;
    }
  }

  /** Purges every tenant due now; returns how many this instance purged. */
  async function purgeDue(): Promise<number> {
    let purged = 0;
    for (const due of await store.dueTenantDeletions(clock.now())) {
      try {
        if (await purge(due)) purged += 1;
      } catch (error) {
        logger.error('tenant-purge-failed', { platform: due.platform, tenant: due.tenant, error });
      }
    }
    return purged;
  }

  const ticker = createTicker({
    run: purgeDue,
    sleepMs: () => intervalMs,
    fallbackMs: intervalMs,
    onError: (error) => logger.error('tenant-retention-failed', { error }),
  });
  return { start: ticker.start, stop: ticker.stop, purgeDue };
}
