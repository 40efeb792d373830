// roster.p99_ms: `coach.roster` of a 2,000-member cohort over 90 days on the SQLite file store, each
// member with about three months of practice; p99 over repeated runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import { createCoach } from '../src/core/coach.ts';
import { localDate } from '../src/core/daily-question.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor } from '../src/core/ports.ts';
import { type AttemptRecord, emptyHistory } from '../src/core/records.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import { percentile } from './bench-support.ts';

const members = 2000;
const days = 90;
const runs = 40;
const dayMs = 86_400_000;

export async function benchRoster(print: (name: string, value: number, unit: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-roster-'));
  const now = Date.parse('2026-11-23T12:00:00Z');
  const clock = { now: () => now };
  const packs = loadPacks();
  const pack = packs.get('medical-coding')!;
  const store = await CoachStore.open({ url: `sqlite://${join(dir, 'roster.sqlite')}`, cwd: dir, clock });
  try {
    const coach = createCoach({
      store,
      packs,
      feedback: createOfflineFeedbackModel(),
      clock,
      logger: silentLogger,
    });
    const instructor: Actor = { platform: 'bench', tenant: 'cohort', user: 'teacher', roles: ['instructor'] };
    await coach.configureCohort(instructor, 'C-roster', { timezone: 'America/New_York' });
    await coach.assign(instructor, 'C-roster', { packId: pack.id, what: { count: 5 }, due: '7d' });
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const zones = ['Europe/Berlin', 'Asia/Kolkata', null, null];
    for (let index = 0; index < members; index += 1) {
      const member: Actor = { platform: 'bench', tenant: 'cohort', user: `m${index}` };
      // Each member answers the daily drill on some days (keen ones most days); on about one active day
      // in ten they also run a practice session of three to five questions.
      const keenness = random();
      const attempts: AttemptRecord[] = [];
      const activeDays: string[] = [];
      for (let day = days; day >= 0; day -= 1) {
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
      await store.joinCohort(member, 'C-roster');
      const timezone = zones[index % zones.length]!;
      if (timezone) await store.updateMemberSettings(member, (settings) => ({ ...settings, timezone }));
    }
    const samples: number[] = [];
    for (let run = 0; run < runs + 3; run += 1) {
      const started = performance.now();
      const roster = await coach.roster(instructor, 'C-roster', 90);
      if (roster.members.length !== members)
        throw new Error(`the roster had ${roster.members.length} members`);
      // The first runs warm up the JIT and SQLite's cache.
      if (run >= 3) samples.push(performance.now() - started);
    }
    print('roster.p99_ms', percentile(samples, 99), 'ms');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
