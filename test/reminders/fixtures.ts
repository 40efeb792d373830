import type { Assignment, Cohort } from '../../src/core/cohort-records.ts';
import type { DirectMessage, DirectMessenger } from '../../src/core/direct-messages.ts';
import type { Actor } from '../../src/core/ports.ts';
import type { AttemptRecord, MemberSettings } from '../../src/core/records.ts';
import type { CoachStore } from '../../src/store/coach-store.ts';

export function cohortOf(channel: string, change: Partial<Cohort> = {}): Cohort {
  return {
    drillTime: '09:00',
    timezone: 'UTC',
    packId: 'mini',
    weekdays: [1, 2, 3, 4, 5],
    level: null,
    drillChannel: channel,
    paused: false,
    skipDates: [],
    instructors: [],
    assignments: [],
    createdAt: 1,
    ...change,
  };
}

export function assignmentOf(due: string, questionIds = ['chest-pain']): Assignment {
  return { id: `a-${due}`, packId: 'mini', questionIds, due, assignedBy: 'I1', assignedAt: 0 };
}

export function attemptOf(at: number, questionId = 'chest-pain', score = 3): AttemptRecord {
  return { at, packId: 'mini', questionId, kind: 'technical', competencies: ['documentation'], score };
}

/** Records every DM; can be told to fail the next ones. */
export class RecordingMessenger implements DirectMessenger {
  readonly sent: { tenant: string; user: string; message: DirectMessage }[] = [];
  failures = 0;

  constructor(readonly platform = 'slack') {}

  async sendDirect(tenant: string, user: string, message: DirectMessage) {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('cannot_dm_user');
    }
    this.sent.push({ tenant, user, message });
  }
}

/** A member as the store keeps them: settings, cohorts joined, practised days and attempts. */
export async function seedMember(
  store: CoachStore,
  actor: Actor,
  settings: Partial<MemberSettings>,
  cohorts: string[],
  history: { activeDays?: string[]; attempts?: AttemptRecord[] } = {},
) {
  for (const channel of cohorts) await store.joinCohort(actor, channel);
  await store.updateMemberSettings(actor, (current) => ({ ...current, ...settings }));
  if (history.activeDays || history.attempts) {
    await store.updateHistory(actor, (current) => ({
      ...current,
      activeDays: history.activeDays ?? current.activeDays,
      attempts: history.attempts ?? current.attempts,
    }));
  }
}

export async function seedTenant(store: CoachStore, platform: string, tenant: string, cohorts: Cohort[]) {
  await store.updateTenantConfig(platform, tenant, (config) => ({
    ...config,
    cohorts: Object.fromEntries(cohorts.map((cohort) => [cohort.drillChannel, cohort])),
  }));
  await store.markScheduled(platform, tenant, true);
}
