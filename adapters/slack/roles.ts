import type { webApi } from '@slack/bolt';
import type { ActorRole, Clock, Logger } from '../../src/index.ts';
import { slackErrorCode } from './slack-errors.ts';

export type RoleResolver = (client: webApi.WebClient, tenant: string, user: string) => Promise<ActorRole[]>;

const cacheMs = 60_000;
const cacheLimit = 10_000;

/**
 * Workspace admins and owners (from users.info) and the configured instructors. Asked only by commands
 * that need it, and remembered briefly: a demoted admin loses the role within a minute.
 */
export function createRoleResolver(
  instructors: readonly string[],
  logger: Logger,
  clock: Clock,
): RoleResolver {
  const cache = new Map<string, { roles: ActorRole[]; expires: number }>();
  return async (client, tenant, user) => {
    const key = `${tenant}:${user}`;
    const cached = cache.get(key);
    if (cached && cached.expires > clock.now()) return cached.roles;
    const admin = await isWorkspaceAdmin(client, user, logger);
    const roles: ActorRole[] = [];
    if (admin) roles.push('admin');
    if (instructors.includes(user)) roles.push('instructor');
    if (cache.size >= cacheLimit) cache.clear();
    // A failed lookup is asked again next time rather than remembered as "not an admin".
    if (admin !== null) cache.set(key, { roles, expires: clock.now() + cacheMs });
    return roles;
  };
}

async function isWorkspaceAdmin(
  client: webApi.WebClient,
  user: string,
  logger: Logger,
): Promise<boolean | null> {
  try {
    const info = await client.users.info({ user });
    return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  } catch (error) {
    // Without users:read nobody is an admin; instructors still are.
    logger.warn('slack-users-info-failed', { code: slackErrorCode(error) });
    return null;
  }
}
