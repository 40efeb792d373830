import type { Question } from '../content/pack-schema.ts';
import {
  type AssignmentProgress,
  type AssignWhat,
  answeredQuestions,
  assignmentProgress,
  chooseAssignedQuestions,
  resolveDue,
} from './assignments.ts';
import type { CoachContext } from './coach-context.ts';
import type { Assignment, Cohort } from './cohort-records.ts';
import type { Cohorts } from './cohorts.ts';
import { isValidTimeZone, localDate } from './daily-question.ts';
import type { Actor } from './ports.ts';
import type { HistoryRecord, TenantConfig } from './records.ts';

/** A cohort keeps this many assignments; older ones drop off once past due. */
const maxAssignments = 50;

export interface AssignRequest {
  packId: string;
  what: AssignWhat;
  /** `YYYY-MM-DD`, `today`, `tomorrow` or `Nd`, in the cohort's timezone. */
  due: string;
}

export interface AssignmentView {
  assignment: Assignment;
  cohort: string;
  packTitle: string;
  questions: Pick<Question, 'id' | 'text'>[];
}

/** A member's assignment with the words to show it. */
export interface MemberAssignment extends AssignmentProgress {
  packTitle: string;
}

/** Assignments: set by a cohort's instructors, answered by its members, counted from their history. */
export function createAssignments(context: CoachContext, cohorts: Cohorts) {
  const { store, clock, newId, random, packOf } = context;

  async function assign(
    actor: Actor,
    channel: string | null,
    request: AssignRequest,
  ): Promise<AssignmentView> {
    const cohort = await cohorts.cohortFor(actor, channel);
    const pack = packOf(request.packId);
    const due = resolveDue(request.due, cohortToday(cohort, clock.now()));
    const questions = chooseAssignedQuestions(pack, request.what, cohort.level, random);
    const assignment: Assignment = {
      id: newId().replace(/-/g, '').slice(0, 8),
      packId: pack.id,
      questionIds: questions.map((question) => question.id),
      due,
      assignedBy: actor.user,
      assignedAt: clock.now(),
    };
    await cohorts.changeCohort(actor, cohort.drillChannel, (current) => ({
      ...current,
      assignments: keepRecent([...current.assignments, assignment]),
    }));
    return {
      assignment,
      cohort: cohort.drillChannel,
      packTitle: pack.roleTitle,
      questions: questions.map(({ id, text }) => ({ id, text })),
    };
  }

  /**
   * Every assignment of the member's cohorts with where they stand, open ones (overdue, then by due
   * date) first. Assignments of packs no longer installed are left out.
   */
  async function memberAssignments(
    actor: Actor,
    history?: HistoryRecord,
    config?: TenantConfig,
  ): Promise<MemberAssignment[]> {
    const tenant = config ?? (await store.getTenantConfig(actor.platform, actor.tenant));
    const mine = await memberCohorts(actor, tenant);
    if (mine.every((cohort) => cohort.assignments.length === 0)) return [];
    const answers = answeredQuestions(history ?? (await store.getHistory(actor)));
    const now = clock.now();
    const rows = mine.flatMap((cohort) =>
      cohort.assignments
        .filter((assignment) => context.packs.has(assignment.packId))
        .map((assignment) => ({
          ...assignmentProgress(assignment, cohort.drillChannel, answers, cohortToday(cohort, now)),
          packTitle: context.packs.get(assignment.packId)!.roleTitle,
        })),
    );
    return rows.sort(
      (a, b) =>
        Number(a.status === 'done') - Number(b.status === 'done') ||
        a.assignment.due.localeCompare(b.assignment.due),
    );
  }

  /** The cohorts a member is in: those they joined, and a workspace's migrated one, which counts everyone. */
  async function memberCohorts(actor: Actor, config: TenantConfig): Promise<Cohort[]> {
    const joined = new Set((await store.getMemberSettings(actor)).cohorts);
    return Object.values(config.cohorts).filter(
      (cohort) => joined.has(cohort.drillChannel) || cohort.createdAt === 0,
    );
  }

  return { assign, memberAssignments, memberCohorts };
}

export type Assignments = ReturnType<typeof createAssignments>;

export function cohortToday(cohort: Pick<Cohort, 'timezone'>, now: number): string {
  return localDate(now, isValidTimeZone(cohort.timezone) ? cohort.timezone : 'UTC');
}

/** Open and recent assignments stay; the oldest past-due ones go first once there are too many. */
function keepRecent(assignments: Assignment[]): Assignment[] {
  if (assignments.length <= maxAssignments) return assignments;
  return [...assignments].sort((a, b) => a.assignedAt - b.assignedAt).slice(-maxAssignments);
}
