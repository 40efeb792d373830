import { UserFacingError } from '../../errors.ts';
import type { Actor } from '../ports.ts';
import type { SessionStore } from '../store-port.ts';
import { pairMessages } from './pair-messages.ts';
import type { PairSession } from './pair-records.ts';

/** Finding a running peer session: by id for a member of it, by its space, or by a member alone. */
export function createPairLookup(store: SessionStore) {
  async function load(actor: Actor, id: string): Promise<PairSession> {
    const session = await store.getPairSession(actor.platform, actor.tenant, id);
    if (!session?.members.includes(actor.user))
      throw new UserFacingError('PAIR_SESSION_GONE', pairMessages.sessionGone);
    return session;
  }

  /** The first of `ids` still running that passes `fits`; the index may name sessions just ended. */
  async function firstLive(
    platform: string,
    tenant: string,
    ids: string[],
    fits: (s: PairSession) => boolean,
  ) {
    for (const id of ids) {
      const session = await store.getPairSession(platform, tenant, id);
      if (session && fits(session)) return session;
    }
    return null;
  }

  async function inSpace(platform: string, tenant: string, space: string): Promise<PairSession | null> {
    const ids = await store.pairSessionsBy(platform, tenant, { space });
    return firstLive(platform, tenant, ids, (session) => session.space === space);
  }

  /** The member's running session, the newest when a race left two. */
  async function activeOf(actor: Actor): Promise<PairSession> {
    const ids = await store.pairSessionsBy(actor.platform, actor.tenant, { member: actor.user });
    const sessions: PairSession[] = [];
    for (const id of ids) {
      const session = await store.getPairSession(actor.platform, actor.tenant, id);
      if (session?.members.includes(actor.user)) sessions.push(session);
    }
    const newest = sessions.sort((a, b) => b.startedAt - a.startedAt)[0];
    if (!newest) throw new UserFacingError('PAIR_NO_SESSION', pairMessages.noSession);
    return newest;
  }

  return { load, inSpace, activeOf };
}

export type PairLookup = ReturnType<typeof createPairLookup>;
