import { z } from 'zod';
import { questionLevels } from '../content/pack-schema.ts';

/**
 * Cohorts: a workspace or server runs any number of groups, each in a channel of its own with its own
 * drill schedule, members, instructors and assignments. They live in the tenant's settings record
 * (`tenantConfigSchema`, version 3), so one compare-and-set covers a change to any of them; members are
 * a set on the store of their own (see `SessionStore.cohortMembers`), so two joining at once both land.
 */

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The drill settings a cohort has and a new cohort starts from. */
export const drillSettingsSchema = z.object({
  /** Local time of the daily drill post, HH:MM. */
  drillTime: timeOfDay,
  /** IANA zone; the question of the day changes at local midnight. */
  timezone: z.string(),
  packId: z.string().nullable(),
  /** Which weekdays the drill is posted (0 = Sunday … 6 = Saturday). */
  weekdays: z.array(z.number().int().min(0).max(6)),
  level: z.enum(questionLevels).nullable(),
});
export type DrillSettings = z.infer<typeof drillSettingsSchema>;

/** Work an instructor set a cohort: named questions of one pack, due by the end of a local day. */
export const assignmentSchema = z.object({
  id: z.string(),
  packId: z.string(),
  questionIds: z.array(z.string()).min(1),
  /** The last local day (the cohort's timezone) to answer on; overdue from the day after. */
  due: localDay,
  assignedBy: z.string(),
  assignedAt: z.number(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const cohortSchema = drillSettingsSchema.extend({
  /** The cohort's channel, where its drill is posted: the cohort's identity within its tenant. */
  drillChannel: z.string(),
  paused: z.boolean(),
  /** Local dates on which no drill is posted. */
  skipDates: z.array(localDay),
  /** User ids who teach this cohort: they see its roster and reports and get its weekly digest. */
  instructors: z.array(z.string()),
  assignments: z.array(assignmentSchema),
  createdAt: z.number(),
});
export type Cohort = z.infer<typeof cohortSchema>;

/** A member's reminder choices (see `MemberSettings`). */
export const reminderSettingsSchema = z.object({
  /**
   * Local time of the daily reminder when the day's drill is not answered yet. null: no daily reminder
   * (an instructor's assignment reminders still come); 'off': no reminders of any kind.
   */
  remind: z.union([timeOfDay, z.literal('off')]).nullable(),
  /** A note in the evening when today would break the streak. */
  streakAlert: z.boolean(),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export type AssignmentStatus = 'done' | 'in-progress' | 'overdue';
