import type { QuestionPack } from '../content/pack-schema.ts';
import { actorKey } from './actor-key.ts';
import { cohortToday } from './cohort-assignments.ts';
import type { Cohort } from './cohort-records.ts';
import { localDate } from './daily-question.ts';
import { createDirectSender, type DirectMessenger, type ReminderKind } from './direct-messages.ts';
import { buildInstructorDigest, digestWeekDue } from './instructor-digest.ts';
import type { Logger } from './logger.ts';
import { mapBatched, mapLimited } from './map-limited.ts';
import type { Clock, SessionStore } from './ports.ts';
import type { MemberSettings, TenantConfig } from './records.ts';
import { digestMessage, reminderMessage } from './reminder-messages.ts';
import { dueReminders, hasChances, reminderChances, reminderTimeZone } from './reminders.ts';
import { createTicker } from './ticker.ts';

export interface ReminderSchedulerDependencies {
  store: SessionStore;
  packs: Map<string, QuestionPack>;
  clock: Clock;
  logger: Logger;
  messengers: DirectMessenger[];
  /** Store reads in flight at once while fanning out (default 64). */
  readConcurrency?: number;
  /** Direct messages in flight per platform (default 4). */
  maxInFlight?: number;
  /** Tries per message on 429 (default 4). */
  maxAttempts?: number;
  /** How the sender waits out a 429 (real timers by default). */
  wait?: (ms: number) => Promise<void>;
}

/** One direct message the scheduler sent. */
export interface SentReminder {
  /** `platform:tenant`. */
  tenant: string;
  user: string;
  kinds: ReminderKind[];
}

/** A workspace as the scheduler walks it: `platform:tenant` and its parts. */
interface Place {
  key: string;
  platform: string;
  tenant: string;
}

/** A claim outlives any local day, in any timezone. */
const dayClaimMs = 3 * 86_400_000;
const weekClaimMs = 8 * 86_400_000;
/** A member whose DM failed is tried again after this, not on every tick. */
const retryLaterMs = 10 * 60_000;
const maxSleepMs = 60_000;

/**
 * Sends reminders and instructors' weekly digests, each once across every instance: a member's day
 * (`reminder:<member>:<local date>`) and an instructor's week for a cohort are claimed in the shared
 * store before sending, and released when sending failed for good, so a later tick tries again. At
 * most one DM per member per day, holding every item due at that moment.
 */
export function createReminderScheduler(deps: ReminderSchedulerDependencies) {
  const { store, clock, logger } = deps;
  const readConcurrency = deps.readConcurrency ?? 64;
  const sender = createDirectSender(deps);
  /** Members whose day is done (sent, or claimed elsewhere): their zone and that day; no reads until it ends. */
  const settled = new Map<string, { zone: string; date: string }>();
  const retryAt = new Map<string, number>();
  const settledDigests = new Set<string>();
  async function runDue(): Promise<SentReminder[]> {
    const now = clock.now();
    const sent: SentReminder[] = [];
    if (settledDigests.size > 50_000) settledDigests.clear();
    if (settled.size > 500_000) settled.clear();
    for (const key of await store.getScheduledTenants()) {
      const [platform, tenant] = key.split(':').map(decodeURIComponent) as [string, string];
      if (!sender.has(platform)) continue;
      try {
        await runTenant({ key, platform, tenant }, now, sent);
      } catch (error) {
        logger.error('reminders-failed', { tenant: key, error });
      }
    }
    return sent;
  }

  async function runTenant(place: Place, now: number, sent: SentReminder[]) {
    const config = await store.getTenantConfig(place.platform, place.tenant);
    const cohorts = Object.values(config.cohorts);
    if (cohorts.length === 0) return;
    const rosters = await Promise.all(cohorts.map((cohort) => membersOf(place, cohort)));
    const byMember = new Map<string, Cohort[]>();
    cohorts.forEach((cohort, index) => {
      for (const user of rosters[index]!) byMember.set(user, [...(byMember.get(user) ?? []), cohort]);
    });
    const pending = [...byMember].filter(([user]) => !settledFor(place, user, now));
    await Promise.all([
      // Everyone's settings in a few batched reads (a tick looks at every member, every minute).
      mapBatched(pending, (batch) =>
        store.getMemberSettingsMany(batch.map(([user]) => memberOf(place, user))),
      )
        .then((settings) =>
          mapLimited(pending, readConcurrency, ([user, theirs], index) =>
            remindMember(place, config, user, theirs, settings[index]!, now, sent).catch((error: unknown) =>
              logger.error('reminder-failed', { tenant: place.key, user, error }),
            ),
          ),
        )
        .catch((error: unknown) => logger.error('reminders-read-failed', { tenant: place.key, error })),
      // One member's or cohort's failure (a store read) leaves the others to go out.
      ...cohorts.map((cohort, index) =>
        digestFor(place, cohort, rosters[index]!, now, sent).catch((error: unknown) =>
          logger.error('digest-failed', { tenant: place.key, cohort: cohort.drillChannel, error }),
        ),
      ),
    ]);
  }

  async function membersOf(place: Place, cohort: Cohort): Promise<string[]> {
    const members = await store.cohortMembers(place.platform, place.tenant, cohort.drillChannel);
    if (cohort.createdAt !== 0) return members;
    // The cohort migrated from the single workspace configuration counts the whole roster.
    const roster = await store.getRoster(place.platform, place.tenant);
    return [...new Set([...members, ...roster])];
  }

  /** Reminded (or found reminded by another instance) today, or waiting to retry a failed send. */
  function settledFor(place: Place, user: string, now: number): boolean {
    const memberKey = actorKey(memberOf(place, user));
    const done = settled.get(memberKey);
    if (done && localDate(now, done.zone) === done.date) return true;
    return (retryAt.get(memberKey) ?? 0) > now;
  }

  async function remindMember(
    place: Place,
    config: TenantConfig,
    user: string,
    cohorts: Cohort[],
    settings: MemberSettings,
    now: number,
    sent: SentReminder[],
  ) {
    const actor = memberOf(place, user);
    const memberKey = actorKey(actor);
    const zone = reminderTimeZone(settings, cohorts, config.defaults.timezone);
    const chances = reminderChances(settings, cohorts, now, zone);
    if (!hasChances(chances)) return;
    const items = dueReminders(chances, await store.getHistory(actor), cohorts, now, zone);
    if (items.length === 0) return;
    const date = localDate(now, zone);
    const claimKey = `reminder:${memberKey}:${date}`;
    if (!(await store.claim(claimKey, dayClaimMs))) {
      settled.set(memberKey, { zone, date });
      return;
    }
    try {
      await sender.send(place.platform, place.tenant, user, reminderMessage(items));
      settled.set(memberKey, { zone, date });
      retryAt.delete(memberKey);
      sent.push({ tenant: place.key, user, kinds: items.map((item) => item.kind) });
    } catch (error) {
      await store.releaseClaim(claimKey);
      retryAt.set(memberKey, now + retryLaterMs);
      logger.warn('reminder-send-failed', { tenant: place.key, user, error });
    }
  }

  async function digestFor(
    place: Place,
    cohort: Cohort,
    roster: string[],
    now: number,
    sent: SentReminder[],
  ) {
    const week = digestWeekDue(cohort, now);
    if (!week) return;
    const claimed: { instructor: string; claimKey: string }[] = [];
    for (const instructor of cohort.instructors) {
      const claimKey = `digest:${place.key}:${[cohort.drillChannel, instructor].map(encodeURIComponent).join(':')}:${week}`;
      if (settledDigests.has(claimKey)) continue;
      if (await store.claim(claimKey, weekClaimMs)) claimed.push({ instructor, claimKey });
      else settledDigests.add(claimKey);
    }
    if (claimed.length === 0) return;
    const members = roster.filter((user) => !cohort.instructors.includes(user));
    const histories = await mapBatched(members, (users) =>
      store.getHistories(users.map((user) => memberOf(place, user))),
    );
    const digest = buildInstructorDigest(
      cohort,
      members.map((user, index) => ({ user, history: histories[index]! })),
      deps.packs,
      now,
      cohortToday(cohort, now),
    );
    const message = digestMessage(digest);
    for (const { instructor, claimKey } of claimed) {
      try {
        await sender.send(place.platform, place.tenant, instructor, message);
        settledDigests.add(claimKey);
        sent.push({ tenant: place.key, user: instructor, kinds: ['digest'] });
      } catch (error) {
        await store.releaseClaim(claimKey);
        logger.warn('digest-send-failed', { tenant: place.key, user: instructor, error });
      }
    }
  }

  const ticker = createTicker({
    run: runDue,
    // Reminder times are whole minutes: wake just after the next one starts.
    sleepMs: () => Math.min(maxSleepMs, maxSleepMs - (clock.now() % maxSleepMs) + 250),
    fallbackMs: maxSleepMs,
    onError: (error) => logger.error('reminder-scheduler-failed', { error }),
  });

  return {
    runDue,
    /** Runs at once (catching up on reminders missed while the bot was down), then every minute. */
    start: ticker.start,
    stop: ticker.stop,
  };
}

export type ReminderScheduler = ReturnType<typeof createReminderScheduler>;

function memberOf(place: Place, user: string) {
  return { platform: place.platform, tenant: place.tenant, user };
}
