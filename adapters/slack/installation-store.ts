import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { type Clock, type InstallationRecords, type Logger, StarcoachError } from '../../src/index.ts';
import { type TenantSource, tenantOf } from './to-event.ts';

const platform = 'slack';
/** Long enough to spare the store a read per event, short enough that another instance's uninstall shows soon. */
const cacheMs = 30_000;
const cacheLimit = 10_000;

/** An event, a drill or a reminder for a workspace (or org) that has no installation here. */
export class SlackNotInstalledError extends StarcoachError {
  constructor(tenant: string) {
    super(
      'SLACK_NOT_INSTALLED',
      `The Slack app is not installed in workspace ${tenant}: an admin there installs it from /slack/install.`,
    );
  }
}

/**
 * Bolt's installation store on ours: each workspace's OAuth install (an org-wide install under its
 * org's id), remembered briefly. The records hold bot tokens, so nothing here logs one.
 */
export interface SlackInstallations extends InstallationStore {
  /** The bot token of a tenant (a workspace or org id), or null when the app is not installed there. */
  botToken(tenant: string): Promise<string | null>;
  /** Drops a tenant's installation (uninstalled, tokens revoked); true when there was one. */
  remove(tenant: string): Promise<boolean>;
}

export interface SlackInstallationsOptions {
  records: InstallationRecords;
  clock: Clock;
  logger: Logger;
  /** After an install is stored: the coach calls off a pending deletion of the workspace's data. */
  onInstalled: (tenant: string) => Promise<void>;
}

export function createSlackInstallations(options: SlackInstallationsOptions): SlackInstallations {
  const { records, clock, logger } = options;
  const cache = new Map<string, { installation: Installation; expires: number }>();

  async function find(tenant: string): Promise<Installation | null> {
    const cached = cache.get(tenant);
    if (cached && cached.expires > clock.now()) return cached.installation;
    const installation = asInstallation(await records.get(platform, tenant));
    if (!installation) {
      cache.delete(tenant);
      return null;
    }
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(tenant, { installation, expires: clock.now() + cacheMs });
    return installation;
  }

  return {
    async storeInstallation(installation) {
      const tenant = tenantOf(installationSource(installation));
      await records.put(platform, tenant, installation);
      cache.delete(tenant);
      logger.warn('slack-installed', { tenant, enterprise: installation.isEnterpriseInstall === true });
      await options.onInstalled(tenant);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const tenant = tenantOf(query);
      const installation = await find(tenant);
      if (installation) return installation;
      logger.warn('slack-workspace-not-installed', {
        tenant,
        hint: 'an admin installs the app at /slack/install',
      });
      throw new SlackNotInstalledError(tenant);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await this.remove(tenantOf(query));
    },
    async botToken(tenant) {
      return (await find(tenant))?.bot?.token ?? null;
    },
    async remove(tenant) {
      cache.delete(tenant);
      return records.delete(platform, tenant);
    },
  };
}

function installationSource(installation: Installation): TenantSource {
  return {
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
  };
}

/** A stored record that has a bot token; anything else (a record from elsewhere, a partial write) is none. */
function asInstallation(stored: unknown): Installation | null {
  const bot = (stored as { bot?: { token?: unknown } } | undefined)?.bot;
  return typeof bot?.token === 'string' ? (stored as Installation) : null;
}
