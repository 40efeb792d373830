import { UserFacingError } from '../errors.ts';
import type { CoachContext } from './coach-context.ts';
import { assertCanConfigure } from './cohort-access.ts';
import { buildExportRows } from './cohort-export.ts';
import type { Assignment } from './cohort-records.ts';
import type { Cohorts } from './cohorts.ts';
import { toCsv } from './csv.ts';
import { localDate } from './daily-question.ts';
import { isCalendarDate, startOfLocalDay } from './local-day.ts';
import { mapBatched, mapLimited } from './map-limited.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';
import { assertPeriod } from './report-period.ts';
import { buildRoster, type Roster, type RosterMemberInput } from './roster.ts';

const dayMs = 86_400_000;
/** Answer logs read at once: enough to hide the store's latency, few enough not to swamp it. */
const readConcurrency = 32;

export interface ExportOptions {
  /** YYYY-MM-DD in the cohort's timezone; wins over `periodDays`. */
  since?: string;
  /** The last N days (7, 30 or 90); 30 without either. */
  periodDays?: number;
  /** Add the redacted answer text. */
  answers?: boolean;
}

export interface CohortExport {
  csv: string;
  filename: string;
  /** Data rows (attempts), the header not counted. */
  rows: number;
}

/** Rosters and CSV exports of a cohort, for its instructors and admins (see cohort-access.ts). */
export function createCohortRosters(context: CoachContext, cohorts: Cohorts) {
  const { store, clock } = context;

  /** Whose data: a cohort's members; in a workspace with no cohorts, everyone on its roster (staff only). */
  async function scope(actor: Actor, channel: string | null) {
    const config = await store.getTenantConfig(actor.platform, actor.tenant);
    if (Object.keys(config.cohorts).length === 0) {
      assertCanConfigure(actor);
      const users = await store.getRoster(actor.platform, actor.tenant);
      return { cohort: null, timezone: config.defaults.timezone, assignments: [] as Assignment[], users };
    }
    const cohort = await cohorts.cohortFor(actor, channel);
    const users = await cohorts.membersOf(actor.platform, actor.tenant, cohort);
    return { cohort: cohort.drillChannel, timezone: cohort.timezone, assignments: cohort.assignments, users };
  }

  async function roster(actor: Actor, channel: string | null, periodDays = 30): Promise<Roster> {
    assertPeriod(periodDays);
    const { users, ...cohort } = await scope(actor, channel);
    const members: RosterMemberInput[] = await readMembers(actor, users);
    return buildRoster({ ...cohort, members, now: clock.now(), periodDays });
  }

  async function exportCsv(
    actor: Actor,
    channel: string | null,
    options: ExportOptions = {},
  ): Promise<CohortExport> {
    const now = clock.now();
    if (options.since === undefined) assertPeriod(options.periodDays ?? 30);
    const { users, ...cohort } = await scope(actor, channel);
    const since = sinceOf(options, cohort.timezone, now);
    const read = await readMembers(actor, users);
    const members = await mapLimited(read, readConcurrency, async ({ user, member, history }) => {
      const { attempts, peer } = history;
      // The log gives each answer's source (and its text): read by month, from the first answer in the
      // span rather than from an early `since`.
      const first = Math.min(
        ...[attempts, peer].map(
          (list) => list.find((answer) => answer.at >= since)?.at ?? Number.POSITIVE_INFINITY,
        ),
      );
      const logged = Number.isFinite(first) ? await store.loggedAnswers(member, first) : [];
      return { user, attempts, peer, logged };
    });
    const rows = buildExportRows({
      platform: actor.platform,
      tenant: actor.tenant,
      ...cohort,
      members,
      since,
      now,
      answers: options.answers ?? false,
    });
    const from = localDate(since, cohort.timezone);
    const name = (cohort.cohort ?? 'workspace').replace(/[^A-Za-z0-9_-]/g, '_');
    return {
      csv: toCsv(rows),
      filename: `starcoach-${name}-${from}-to-${localDate(now, cohort.timezone)}.csv`,
      rows: rows.length - 1,
    };
  }

  /** Members' histories and their own timezones, a batch of store reads at a time. */
  function readMembers(actor: Actor, users: readonly string[]) {
    return mapBatched(users, async (batch) => {
      const actors = batch.map((user) => ({ platform: actor.platform, tenant: actor.tenant, user }));
      const [histories, settings] = await Promise.all([
        store.getHistories(actors),
        store.getMemberSettingsMany(actors),
      ]);
      return actors.map((member, index) => ({
        user: member.user,
        member,
        history: histories[index]!,
        timezone: settings[index]!.timezone,
      }));
    });
  }

  return { roster, exportCsv };
}

function sinceOf(options: ExportOptions, timeZone: string, now: number): number {
  if (options.since === undefined) return now - (options.periodDays ?? 30) * dayMs;
  const date = options.since.trim();
  if (!isCalendarDate(date) || date > localDate(now, timeZone)) {
    throw new UserFacingError('INVALID_DATE', messages.invalidSince(options.since));
  }
  return startOfLocalDay(date, timeZone);
}

export type CohortRosters = ReturnType<typeof createCohortRosters>;
