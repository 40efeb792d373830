import { UserFacingError } from '../errors.ts';
import type { CoachContext } from './coach-context.ts';
import { isValidTimeZone } from './daily-question.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';
import type { SettingsCache } from './settings-cache.ts';

export interface MemberSettingsChange {
  timezone?: string | null;
  leaderboard?: boolean;
  /** Daily reminder time (HH:MM, the member's local time); null: none; 'off': no reminders at all. */
  remind?: string | null;
  streakAlert?: boolean;
}

/** Each member's own settings: timezone, leaderboard opt-in and reminders. */
export function createSettings(context: CoachContext, caches: SettingsCache) {
  const { store } = context;
  return {
    memberSettings: (actor: Actor) => store.getMemberSettings(actor),
    async updateMemberSettings(actor: Actor, change: MemberSettingsChange) {
      if (change.timezone && !isValidTimeZone(change.timezone)) {
        throw new UserFacingError('INVALID_TIMEZONE', messages.invalidTimeZone(change.timezone));
      }
      if (change.remind && change.remind !== 'off' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(change.remind)) {
        throw new UserFacingError('INVALID_TIME', messages.invalidDrillTime(change.remind));
      }
      return store.withUser(actor, async () => {
        const next = await store.updateMemberSettings(actor, (current) => ({ ...current, ...change }));
        caches.forgetMember(actor);
        if (next.leaderboard) await store.joinRoster(actor);
        return next;
      });
    },
  };
}
