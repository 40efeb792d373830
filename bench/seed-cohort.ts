// A large cohort for the roster and dashboard benches: the same members, histories and timezones for
// both, so their figures stay comparable.
import type { QuestionPack } from '../src/content/pack-schema.ts';
import type { Coach } from '../src/core/coach.ts';
import { localDate } from '../src/core/daily-question.ts';
import type { Actor } from '../src/core/ports.ts';
import { type AttemptRecord, emptyHistory } from '../src/core/records.ts';
import type { CoachStore } from '../src/store/coach-store.ts';

const dayMs = 86_400_000;

export interface SeedOptions {
  coach: Coach;
  store: CoachStore;
  pack: QuestionPack;
  instructor: Actor;
  channel: string;
  members: number;
  /** Days of practice behind `now`. */
  days: number;
  now: number;
}

/** A cohort in `channel` with one assignment, `members` members and about `days` days of practice each. */
export async function seedCohort(options: SeedOptions): Promise<void> {
  const { coach, store, pack, instructor, channel, now } = options;
  await coach.configureCohort(instructor, channel, { timezone: 'America/New_York' });
  await coach.assign(instructor, channel, { packId: pack.id, what: { count: 5 }, due: '7d' });
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const zones = ['Europe/Berlin', 'Asia/Kolkata', null, null];
  for (let index = 0; index < options.members; index += 1) {
    const member: Actor = { platform: instructor.platform, tenant: instructor.tenant, user: `m${index}` };
    // Each member answers the daily drill on some days (keen ones most days); on about one active day
    // in ten they also run a practice session of three to five questions.
    const keenness = random();
    const attempts: AttemptRecord[] = [];
    const activeDays: string[] = [];
    for (let day = options.days; day >= 0; day -= 1) {
      if (random() > keenness) continue;
      const at = now - day * dayMs - Math.floor(random() * 8) * 3_600_000;
      activeDays.push(localDate(at, 'UTC'));
      const answers = random() < 0.1 ? 4 + Math.floor(random() * 3) : 1;
      for (let answer = 0; answer < answers; answer += 1) {
        const question = pack.questions[Math.floor(random() * pack.questions.length)]!;
        attempts.push({
          at: at + answer * 60_000,
          packId: pack.id,
          questionId: question.id,
          kind: question.kind,
          competencies: question.competencies,
          score: 1 + Math.floor(random() * 5),
        });
      }
    }
    await store.putHistory(member, { ...emptyHistory(), attempts: attempts.slice(-200), activeDays });
    await store.joinCohort(member, channel);
    const timezone = zones[index % zones.length]!;
    if (timezone) await store.updateMemberSettings(member, (settings) => ({ ...settings, timezone }));
  }
}
