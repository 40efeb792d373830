import { z } from 'zod';
import { questionKinds, questionLevels } from '../content/pack-schema.ts';
import {
  cohortSchema,
  type DrillSettings,
  drillSettingsSchema,
  reminderSettingsSchema,
} from './cohort-records.ts';
import { gradeResultSchema } from './grade-types.ts';
import { peerAttemptSchema } from './pairing/pair-records.ts';

/**
 * The records the core keeps: sessions, the threads they live in, histories, member and workspace
 * settings. The store persists them (`src/store/records.ts` holds their versions and migrations).
 */
export const actorSchema = z.object({ platform: z.string(), tenant: z.string(), user: z.string() });

/** How a spoken answer went, kept for the progress trend: never the audio, never the fillers' context. */
const spokenSchema = z.object({
  seconds: z.number(),
  wordsPerMinute: z.number(),
  fillersPerMinute: z.number(),
});
export type SpokenRecord = z.infer<typeof spokenSchema>;

/**
 * An answer stored before it is graded: a crash between the two leaves it here to grade on the next
 * event. `spoken` is set when it was a recording (its transcript is `text`).
 */
const pendingAnswerSchema = z.object({
  deliveryId: z.string(),
  text: z.string(),
  at: z.number(),
  spoken: spokenSchema.nullable().default(null),
});

const turnSchema = z.object({
  questionId: z.string(),
  /** Redacted answers to this question, first answer then follow-up answers, in order. */
  answers: z.array(z.string()),
  followUps: z.array(z.string()),
  pending: pendingAnswerSchema.nullable(),
  grade: gradeResultSchema.nullable(),
  source: z.enum(['llm', 'offline']).nullable(),
  hintsShown: z.number().int().min(0),
  sampleShown: z.boolean(),
});

const resultSchema = z.object({
  questionId: z.string(),
  kind: z.enum(questionKinds),
  competencies: z.array(z.string()),
  /** null when skipped. */
  score: z.number().int().min(1).max(5).nullable(),
  missingPoints: z.array(z.string()),
  redFlags: z.array(z.string()),
  starGaps: z.array(z.string()),
  hinted: z.boolean(),
});

export const sessionRecordSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  owner: actorSchema,
  channel: z.string(),
  thread: z.string().nullable(),
  packId: z.string(),
  options: z.object({
    kind: z.enum(questionKinds).nullable(),
    level: z.enum(questionLevels).nullable(),
    count: z.number().int().min(1),
    followUps: z.number().int().min(0),
  }),
  questionIds: z.array(z.string()).min(1),
  index: z.number().int().min(0),
  status: z.enum(['active', 'ended', 'expired']),
  turn: turnSchema.nullable(),
  results: z.array(resultSchema),
  startedAt: z.number(),
  updatedAt: z.number(),
  /** Set on a question-of-the-day session: the tenant-local date it belongs to. */
  drillDate: z.string().nullable().default(null),
  /** Set on a drill session in a cohort's channel: that cohort (its channel), which the member joins. */
  cohort: z.string().nullable().default(null),
});

export type SessionRecord = z.infer<typeof sessionRecordSchema>;
export type TurnRecord = z.infer<typeof turnSchema>;
export type ResultRecord = z.infer<typeof resultSchema>;

/**
 * Where a thread points, so an event in it finds its session: a member's own session (only its owner
 * may act), or, since version 2, a workspace's posted daily drill, which every member may answer.
 */
export const threadRecordSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(2), kind: z.literal('session'), owner: actorSchema, channel: z.string() }),
  z.object({ v: z.literal(2), kind: z.literal('drill'), channel: z.string(), date: z.string() }),
]);
export type ThreadRecord = z.infer<typeof threadRecordSchema>;

const attemptSchema = z.object({
  at: z.number(),
  packId: z.string(),
  questionId: z.string(),
  kind: z.enum(questionKinds),
  competencies: z.array(z.string()),
  score: z.number().int().min(1).max(5),
});

const sessionSummaryRowSchema = z.object({
  id: z.string(),
  packId: z.string(),
  at: z.number(),
  answered: z.number().int(),
  average: z.number().nullable(),
});

const reviewStateSchema = z.object({
  reps: z.number().int().min(0),
  ease: z.number(),
  intervalDays: z.number().int().min(1),
  due: z.string(),
});

/**
 * A user's history: what they answered and how it went. Version 2 added `seen` (questions shown,
 * answered or skipped) so selection can avoid repeats of skipped questions too. Version 3 added the
 * daily-drill state: practised local days (streaks), the review schedule and weekly points.
 */
export const historyRecordSchema = z.object({
  v: z.literal(3),
  attempts: z.array(attemptSchema),
  sessions: z.array(sessionSummaryRowSchema),
  seen: z.array(z.object({ packId: z.string(), questionId: z.string(), at: z.number() })),
  /** Local dates (member's timezone) with at least one graded answer or submitted peer round. */
  activeDays: z.array(z.string()),
  /** Keyed `packId/questionId`. */
  reviews: z.record(z.string(), reviewStateSchema),
  /** Leaderboard points per ISO week (YYYY-Www), the most recent weeks only. */
  weeklyPoints: z.record(z.string(), z.number()),
  /** Spoken answers' delivery, oldest first, the most recent `maxSpokenKept` only; absent before voice answers. */
  spoken: z.array(spokenSchema.extend({ at: z.number() })).default([]),
  /** Answers scored by a peer interviewer, the most recent `maxPeerKept` only; kept apart from graded attempts. */
  peer: z.array(peerAttemptSchema).default([]),
});
export const maxPeerKept = 200;
export const maxSpokenKept = 100;
export type HistoryRecord = z.infer<typeof historyRecordSchema>;
export type AttemptRecord = z.infer<typeof attemptSchema>;

export function emptyHistory(): HistoryRecord {
  return {
    v: 3,
    attempts: [],
    sessions: [],
    seen: [],
    activeDays: [],
    reviews: {},
    weeklyPoints: {},
    spoken: [],
    peer: [],
  };
}

/** A member's own settings in one workspace or server. Version 2 added reminders. */
export const memberSettingsSchema = z
  .object({
    v: z.literal(2),
    /** IANA zone for streaks, due dates and reminders; null uses the cohort's, else the workspace's. */
    timezone: z.string().nullable(),
    leaderboard: z.boolean(),
    /** Channels of the cohorts the member belongs to (answered a drill there, or was added). */
    cohorts: z.array(z.string()),
    /** Peer mock interviews: whom the member never wants to be paired with (private), and recent partners. */
    pairing: z
      .object({
        blocked: z.array(z.string()),
        recent: z.array(z.object({ user: z.string(), at: z.number() })),
      })
      .default({ blocked: [], recent: [] }),
  })
  .extend(reminderSettingsSchema.shape);
export type MemberSettings = z.infer<typeof memberSettingsSchema>;

export function defaultMemberSettings(): MemberSettings {
  return {
    v: 2,
    timezone: null,
    leaderboard: false,
    cohorts: [],
    pairing: { blocked: [], recent: [] },
    remind: null,
    streakAlert: false,
  };
}

/**
 * A Slack workspace's or Discord server's settings, set by its admins or instructors. Version 3: the one
 * drill configuration of version 2 became a cohort of its drill channel; what a new cohort starts from
 * (and the workspace's timezone) is `defaults`.
 */
export const tenantConfigSchema = z.object({
  v: z.literal(3),
  defaults: drillSettingsSchema,
  /** A Discord role (or Slack user group) whose members may create cohorts and see reports. */
  instructorRole: z.string().nullable(),
  /** By channel. */
  cohorts: z.record(z.string(), cohortSchema),
});
export type TenantConfig = z.infer<typeof tenantConfigSchema>;

export function defaultDrillSettings(): DrillSettings {
  return { drillTime: '09:00', timezone: 'UTC', packId: null, weekdays: [1, 2, 3, 4, 5], level: null };
}

export function defaultTenantConfig(): TenantConfig {
  return { v: 3, defaults: defaultDrillSettings(), instructorRole: null, cohorts: {} };
}

/** A graded answer's text as stored (already redacted), with what it was graded. */
export const answerLogEntrySchema = z.object({
  at: z.number(),
  packId: z.string(),
  questionId: z.string(),
  score: z.number().int().min(1).max(5),
  source: z.enum(['llm', 'offline', 'peer']).nullable(),
  /** The answer, then any follow-up answers, in order. */
  answers: z.array(z.string()),
  /**
   * The feedback the member was given on it, as plain text and redacted like the answers (see
   * answer-log-feedback.ts); null for entries logged before version 2.
   */
  feedback: z.string().nullable(),
});
export type AnswerLogEntry = z.infer<typeof answerLogEntrySchema>;

/**
 * One user's logged answers in one calendar month (UTC), so a log never grows past a month's worth.
 * Version 2 added each entry's feedback.
 */
export const answerLogSchema = z.object({ v: z.literal(2), entries: z.array(answerLogEntrySchema) });
export type AnswerLog = z.infer<typeof answerLogSchema>;
