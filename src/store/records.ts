import { z } from 'zod';
import {
  type AnswerLog,
  type AttemptRecord,
  answerLogSchema,
  type HistoryRecord,
  historyRecordSchema,
  type MemberSettings,
  memberSettingsSchema,
  type SessionRecord,
  sessionRecordSchema,
  type TenantConfig,
  type ThreadRecord,
  tenantConfigSchema,
  threadRecordSchema,
} from '../core/records.ts';
import type { RecordType } from './versioned-record.ts';

/** How the core's records (`src/core/records.ts`) are stored: each type's version and migrations. */

export const sessionRecord: RecordType<SessionRecord> = {
  name: 'session',
  version: 1,
  schema: sessionRecordSchema,
};

export const threadRecord: RecordType<ThreadRecord> = {
  name: 'thread',
  version: 2,
  schema: threadRecordSchema,
  migrations: { 1: (old) => ({ ...old, kind: 'session' }) },
};

export const historyRecord: RecordType<HistoryRecord> = {
  name: 'history',
  version: 3,
  schema: historyRecordSchema,
  migrations: {
    1: (old) => {
      const attempts = Array.isArray(old.attempts) ? (old.attempts as AttemptRecord[]) : [];
      return { ...old, seen: attempts.map(({ packId, questionId, at }) => ({ packId, questionId, at })) };
    },
    2: (old) => {
      const attempts = Array.isArray(old.attempts) ? (old.attempts as AttemptRecord[]) : [];
      // Practised days are recovered in UTC from the attempts already on record.
      const activeDays = [
        ...new Set(attempts.map((attempt) => new Date(attempt.at).toISOString().slice(0, 10))),
      ];
      return { ...old, activeDays, reviews: {}, weeklyPoints: {} };
    },
  },
};

export const answerLogRecord: RecordType<AnswerLog> = {
  name: 'answer log',
  version: 2,
  schema: answerLogSchema,
  migrations: {
    // Feedback was not kept before version 2; it cannot be recovered, so those entries say so (null).
    1: (old) => {
      const entries = Array.isArray(old.entries) ? (old.entries as Record<string, unknown>[]) : [];
      return { ...old, entries: entries.map((entry) => ({ ...entry, feedback: null })) };
    },
  },
};

export const memberSettingsRecord: RecordType<MemberSettings> = {
  name: 'member settings',
  version: 2,
  schema: memberSettingsSchema,
  migrations: { 1: (old) => ({ ...old, cohorts: [], remind: null, streakAlert: false }) },
};

/** Who practises in a workspace or server, for its leaderboard and cohort report. */
export const rosterSchema = z.object({ v: z.literal(1), users: z.array(z.string()) });
export type Roster = z.infer<typeof rosterSchema>;
export const rosterRecord: RecordType<Roster> = { name: 'roster', version: 1, schema: rosterSchema };

/** Every key a user owns, per namespace: Keyv cannot list keys on every backend, and forget must find them all. */
export const userIndexSchema = z.object({
  v: z.literal(1),
  entries: z.array(z.object({ namespace: z.string(), key: z.string() })),
});
export type UserIndex = z.infer<typeof userIndexSchema>;
export const userIndexRecord: RecordType<UserIndex> = {
  name: 'user index',
  version: 1,
  schema: userIndexSchema,
};

export const tenantConfigRecord: RecordType<TenantConfig> = {
  name: 'tenant config',
  version: 3,
  schema: tenantConfigSchema,
  migrations: {
    1: (old) => ({
      ...old,
      weekdays: [1, 2, 3, 4, 5],
      level: null,
      paused: false,
      skipDates: [],
      instructorRole: null,
    }),
    2: migrateToCohorts,
  },
};

/**
 * Version 2 had one drill configuration per workspace. Its drill channel becomes a cohort with every
 * setting it had (paused, skipped days included), and the same settings are what new cohorts start
 * from, so a workspace without a drill channel loses nothing either.
 */
export function migrateToCohorts(old: Record<string, unknown>): Record<string, unknown> {
  const defaults = {
    drillTime: old.drillTime,
    timezone: old.timezone,
    packId: old.packId,
    weekdays: old.weekdays,
    level: old.level,
  };
  const channel = typeof old.drillChannel === 'string' ? old.drillChannel : null;
  const cohorts = channel
    ? {
        [channel]: {
          ...defaults,
          drillChannel: channel,
          paused: old.paused,
          skipDates: old.skipDates,
          instructors: [],
          assignments: [],
          createdAt: 0,
        },
      }
    : {};
  return { defaults, instructorRole: old.instructorRole, cohorts };
}

/** A workspace or server that removed the app: its data goes when `dueAt` (ms) passes, unless it comes back. */
export const tenantDeletionSchema = z.object({
  v: z.literal(1),
  dueAt: z.number(),
  reason: z.string(),
});
export type TenantDeletion = z.infer<typeof tenantDeletionSchema>;
export const tenantDeletionRecord: RecordType<TenantDeletion> = {
  name: 'tenant deletion',
  version: 1,
  schema: tenantDeletionSchema,
};
