import type { Assignment } from './cohort-records.ts';
import type { CsvCell } from './csv.ts';
import type { PeerAttempt } from './pairing/pair-records.ts';
import type { AnswerLogEntry, AttemptRecord } from './records.ts';

/** The export's columns, in order; `answer` only when answers were asked for. See the README. */
export const exportColumns = [
  'platform',
  'workspace',
  'cohort',
  'member',
  'date',
  'pack',
  'question_id',
  'kind',
  'competencies',
  'score',
  'source',
  'assignments',
] as const;

export interface ExportMember {
  user: string;
  attempts: readonly AttemptRecord[];
  /** Answers scored by a partner in peer mock interviews; their rows say `source` peer. */
  peer?: readonly PeerAttempt[];
  /** The member's logged answers over the same span (for `source`, and the text when asked for). */
  logged: readonly AnswerLogEntry[];
}

/** A graded attempt or a peer-scored one, as a row reads it. */
type ExportAnswer = Pick<AttemptRecord, 'at' | 'packId' | 'questionId' | 'competencies' | 'score'> & {
  kind: string;
  peer: boolean;
};

export interface ExportInput {
  platform: string;
  tenant: string;
  /** The cohort's channel; null for a workspace with no cohorts. */
  cohort: string | null;
  assignments: readonly Assignment[];
  members: readonly ExportMember[];
  /** First moment included (ms) and the clock's now: attempts in [since, now]. */
  since: number;
  now: number;
  answers: boolean;
}

/**
 * One row per graded or peer-scored answer in the span, oldest first (then by member), with a header
 * row. `source` is `peer` for a peer-scored answer; for a graded one it comes from the answer log (llm
 * or offline) and is empty when the answer was not logged. `assignments` names the assignments (ids,
 * `;`-separated) the answer counted toward: the first answer, graded or peer-scored, to an assigned
 * question after it was assigned, as `assignmentProgress` counts it.
 * `answer` holds the redacted text (follow-up answers after a blank line). Pure.
 */
export function buildExportRows(input: ExportInput): CsvCell[][] {
  const header: CsvCell[] = [...exportColumns, ...(input.answers ? ['answer'] : [])];
  const rows: { at: number; user: string; cells: CsvCell[] }[] = [];
  for (const member of input.members) {
    const logged = new Map<string, AnswerLogEntry>();
    for (const entry of member.logged) logged.set(attemptKey(entry), entry);
    const answers = answersOf(member);
    const counted = countedAssignments(answers, input.assignments);
    for (const [index, attempt] of answers.entries()) {
      if (attempt.at < input.since || attempt.at > input.now) continue;
      const found = logged.get(attemptKey(attempt));
      // A typed peer answer may be logged too: its text goes with the peer row, never a graded one.
      const entry = found && (found.source === 'peer') === attempt.peer ? found : undefined;
      const cells: CsvCell[] = [
        input.platform,
        input.tenant,
        input.cohort,
        member.user,
        new Date(attempt.at).toISOString(),
        attempt.packId,
        attempt.questionId,
        attempt.kind,
        attempt.competencies.join(';'),
        attempt.score,
        attempt.peer ? 'peer' : (entry?.source ?? null),
        counted.get(index)?.join(';') ?? null,
      ];
      if (input.answers) cells.push(entry ? entry.answers.join('\n\n') : null);
      rows.push({ at: attempt.at, user: member.user, cells });
    }
  }
  rows.sort((a, b) => a.at - b.at || a.user.localeCompare(b.user));
  return [header, ...rows.map((row) => row.cells)];
}

function attemptKey(attempt: Pick<AttemptRecord, 'at' | 'packId' | 'questionId'>): string {
  return `${attempt.at}|${attempt.packId}|${attempt.questionId}`;
}

/** Graded and peer-scored answers in time order (graded first at the same instant), as assignments count them. */
function answersOf(member: ExportMember): ExportAnswer[] {
  const graded = member.attempts.map((attempt): ExportAnswer => ({ ...attempt, peer: false }));
  const peer = (member.peer ?? []).map((attempt): ExportAnswer => ({ ...attempt, peer: true }));
  return [...graded, ...peer].sort((a, b) => a.at - b.at || Number(a.peer) - Number(b.peer));
}

/** Answer index → the ids of the assignments that answer counted toward. */
function countedAssignments(
  attempts: readonly ExportAnswer[],
  assignments: readonly Assignment[],
): Map<number, string[]> {
  const counted = new Map<number, string[]>();
  for (const assignment of assignments) {
    const pending = new Set(assignment.questionIds);
    for (const [index, attempt] of attempts.entries()) {
      if (attempt.packId !== assignment.packId || attempt.at < assignment.assignedAt) continue;
      if (!pending.delete(attempt.questionId)) continue;
      counted.set(index, [...(counted.get(index) ?? []), assignment.id]);
    }
  }
  return counted;
}
