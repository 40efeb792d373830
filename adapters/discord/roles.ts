import type { Actor, Coach } from '../../src/index.ts';
import { actorOf, type Source } from './to-event.ts';

export type RoleResolver = (source: Source) => Promise<Actor>;

const cacheMs = 30_000;
const cacheLimit = 10_000;

/**
 * The actor with its roles: Manage Server makes an admin (from Discord's own permissions), and the
 * server's configured instructor role an instructor. The instructor role is read from the server's
 * settings and remembered briefly; a change made here is seen at once (see `forget`).
 */
export function createRoleResolver(coach: Coach) {
  const cache = new Map<string, { role: string | null; expires: number }>();
  async function instructorRole(guildId: string): Promise<string | null> {
    const cached = cache.get(guildId);
    if (cached && cached.expires > coach.clock.now()) return cached.role;
    const role = (await coach.tenantConfig('discord', guildId)).instructorRole;
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(guildId, { role, expires: coach.clock.now() + cacheMs });
    return role;
  }
  const resolve: RoleResolver = async (source) => {
    if (!source.guildId || source.memberRoles.length === 0) return actorOf(source);
    return actorOf(source, await instructorRole(source.guildId));
  };
  return {
    resolve,
    /** Drops a server's cached role after its settings changed. */
    forget: (guildId: string) => cache.delete(guildId),
  };
}
