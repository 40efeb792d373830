import type { PeerFigures } from './cohort-report.ts';
import type { Actor, ActorRole } from './ports.ts';
import type { Roster } from './roster.ts';

/**
 * What the web dashboard shows, as the core works it out. The web adapter renders
 * these; it holds no figures of its own. Every read takes the `DashboardViewer` a signed link named,
 * and the core checks it again on every request (cohort-access.ts), so a changed id in a URL can never
 * reach another cohort, member or workspace.
 */

/** Who a dashboard link was made for: the claims the signed link carries. */
export interface DashboardViewer {
  platform: string;
  tenant: string;
  user: string;
  /** 'admin' and 'instructor' see the cohorts in `cohorts`; a 'member' only their own page. */
  role: 'admin' | 'instructor' | 'member';
  /** Drill channels of the cohorts the viewer may see when the link was made (empty for a member). */
  cohorts: string[];
}

/** The link the chat command hands out. */
export interface DashboardLink {
  url: string;
  expiresAt: number;
  role: DashboardViewer['role'];
}

/** Signs a viewer into a link; the web adapter implements it (HMAC-SHA256 under STARCOACH_WEB_SECRET). */
export interface DashboardLinkSigner {
  sign(viewer: DashboardViewer, now: number): DashboardLink;
}

export interface CohortSummary {
  channel: string;
  members: number;
  timezone: string;
  packTitle: string;
  openAssignments: number;
}

export interface ParticipationDay {
  /** YYYY-MM-DD in the cohort's timezone. */
  date: string;
  /** Members with at least one graded answer that day. */
  members: number;
  answers: number;
}

export interface CompetencyWeek {
  /** ISO week, YYYY-Www, in the cohort's timezone. */
  week: string;
  competency: string;
  /** Average score 1–5, one decimal. */
  average: number;
  answers: number;
}

export interface HardQuestion {
  packId: string;
  questionId: string;
  text: string;
  average: number;
  answers: number;
}

export interface AssignmentCompletion {
  id: string;
  packTitle: string;
  due: string;
  questions: number;
  done: number;
  inProgress: number;
  overdue: number;
  notStarted: number;
  members: number;
}

export interface CohortOverview {
  cohort: CohortSummary;
  periodDays: number;
  since: number;
  /** One entry per day of the period, oldest first, days without answers included (zeros). */
  participation: ParticipationDay[];
  /** Weeks oldest first; competencies by name. */
  competencyWeeks: CompetencyWeek[];
  /** Lowest average first, at most 10, questions with at least 2 answers in the period. */
  hardestQuestions: HardQuestion[];
  assignments: AssignmentCompletion[];
  /** Peer mock interviews in the period, kept out of every graded figure above. */
  peer: PeerFigures;
}

export interface MemberAttempt {
  at: number;
  packId: string;
  questionId: string;
  questionText: string;
  score: number;
  competencies: string[];
}

/** An answer a partner scored in a peer mock interview (who the partner was stays between the two). */
export interface MemberPeerAttempt {
  at: number;
  packId: string;
  questionId: string;
  questionText: string;
  /** The partner's overall score, 1–5. */
  score: number;
  /** The bot's grade of the typed answer, when the member typed one. */
  botScore: number | null;
}

export interface MemberAnswer {
  at: number;
  questionId: string;
  questionText: string;
  score: number;
  /** Already redacted when it was stored. */
  answers: string[];
  /** The feedback the member was given, when it was logged; null for answers logged before it was. */
  feedback: string | null;
}

export interface MemberPage {
  user: string;
  /** The cohort the page was opened from, when any. */
  cohort: string | null;
  periodDays: number;
  /** Oldest first, within the period. */
  attempts: MemberAttempt[];
  competencies: { competency: string; average: number; answers: number }[];
  streak: number;
  practisedToday: boolean;
  /** Reviews due today or earlier, soonest first. */
  dueReviews: { packId: string; questionId: string; questionText: string; due: string }[];
  /** Newest first, within the period. */
  answers: MemberAnswer[];
  /** Peer-scored answers, oldest first, within the period: apart from `attempts` and `competencies`. */
  peer: MemberPeerAttempt[];
}

export interface WorkspacePage {
  platform: string;
  tenant: string;
  cohorts: CohortSummary[];
}

/** The dashboard's reads. Each one refuses (UserFacingError NOT_ALLOWED / NOT_YOUR_COHORT / NOT_FOUND) what the viewer may not see. */
export interface DashboardReads {
  /** The viewer's landing: cohorts they may see (instructors, admins). Members are refused. */
  workspace(viewer: DashboardViewer): Promise<WorkspacePage>;
  overview(viewer: DashboardViewer, channel: string, periodDays: number): Promise<CohortOverview>;
  roster(viewer: DashboardViewer, channel: string, periodDays: number): Promise<Roster>;
  /** CSV as `/coach export` makes it, for the roster's download. */
  rosterCsv(
    viewer: DashboardViewer,
    channel: string,
    periodDays: number,
  ): Promise<{ csv: string; filename: string }>;
  /** A member's page: the member themselves, or an instructor of a cohort the member is in. */
  member(
    viewer: DashboardViewer,
    channel: string | null,
    user: string,
    periodDays: number,
  ): Promise<MemberPage>;
}

/** The actor a viewer acts as in the core's permission checks. */
export function viewerActor(viewer: DashboardViewer): Actor {
  const roles: ActorRole[] = viewer.role === 'member' ? [] : [viewer.role];
  return { platform: viewer.platform, tenant: viewer.tenant, user: viewer.user, roles };
}
