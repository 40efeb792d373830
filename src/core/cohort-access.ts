import { UserFacingError } from '../errors.ts';
import type { Cohort } from './cohort-records.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';

/**
 * Who may do what with cohorts, decided here for every platform. The adapter says who is an admin or
 * an instructor (`actor.roles`, from the platform's own permissions); the cohort says who teaches it.
 * Members see only their own data; instructors see only their cohorts; an admin sees all.
 */

/** Admins and instructors configure a workspace or server and create cohorts. */
export function assertCanConfigure(actor: Actor): void {
  if (!isStaff(actor)) throw new UserFacingError('NOT_ALLOWED', messages.notAllowedToConfigure());
}

export function isStaff(actor: Actor): boolean {
  return actor.roles?.some((role) => role === 'admin' || role === 'instructor') ?? false;
}

/**
 * An admin; anyone the cohort lists as its instructor; or, for a cohort nobody was named to teach yet
 * (one migrated from the single workspace configuration), anyone with the instructor role.
 */
export function canTeach(actor: Actor, cohort: Cohort): boolean {
  if (actor.roles?.includes('admin')) return true;
  if (cohort.instructors.includes(actor.user)) return true;
  return cohort.instructors.length === 0 && (actor.roles?.includes('instructor') ?? false);
}

export function assertCanTeach(actor: Actor, cohort: Cohort): void {
  if (!canTeach(actor, cohort)) {
    throw new UserFacingError('NOT_YOUR_COHORT', messages.notYourCohort(cohort.drillChannel));
  }
}

/** The cohorts `actor` may see the rosters and reports of. */
export function teachableCohorts(actor: Actor, cohorts: Iterable<Cohort>): Cohort[] {
  return [...cohorts].filter((cohort) => canTeach(actor, cohort));
}
