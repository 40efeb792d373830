import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoach } from '../../src/core/coach.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor } from '../../src/core/ports.ts';
import { emptyHistory } from '../../src/core/records.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';
import { runCliInProcess } from '../support/run-cli-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-export-'));
const env = { STARCOACH_STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, STARCOACH_PACKS_DIR: '' };
const teacher: Actor = { platform: 'slack', tenant: 'T9', user: 'UT', roles: ['instructor'] };
const member = (user: string): Actor => ({ platform: 'slack', tenant: 'T9', user });

beforeAll(async () => {
  // Written long ago, so the CLI's own clock (the machine's) sees it all in the past.
  const clock = new ManualClock(Date.parse('2020-01-10T12:00:00Z'));
  const store = await CoachStore.open({ url: env.STARCOACH_STORE_URL, cwd: dir, clock });
  const coach = createCoach({
    store,
    packs: new Map([[miniPack.id, miniPack]]),
    feedback: new ScriptedFeedbackModel(() => gradeOf(3)),
    clock,
    logger: silentLogger,
  });
  await coach.configureCohort(teacher, 'C1', { timezone: 'UTC' });
  await coach.configureCohort(teacher, 'C2', { timezone: 'UTC' });
  await coach.addCohortMembers(teacher, 'C1', ['ann'], 'member');
  await coach.addCohortMembers(teacher, 'C2', ['ben'], 'member');
  const q = miniPack.questions.find((question) => question.id === 'upcoding')!;
  for (const [user, iso, score] of [
    ['ann', '2020-01-02T09:00:00Z', 4],
    ['ann', '2020-01-05T09:00:00Z', 5],
    ['ben', '2020-01-03T09:00:00Z', 2],
  ] as const) {
    const history = await store.getHistory(member(user));
    const at = Date.parse(iso);
    await store.putHistory(member(user), {
      ...(history.attempts.length ? history : emptyHistory()),
      attempts: [
        ...history.attempts,
        { at, packId: 'mini', questionId: q.id, kind: q.kind, competencies: q.competencies, score },
      ],
    });
    await store.logAnswers(member(user), [
      {
        at,
        packId: 'mini',
        questionId: q.id,
        score,
        source: 'offline',
        answers: [`@${user}, "é" 🎉`],
        feedback: null,
      },
    ]);
  }
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('starcoach export', () => {
  it('writes the cohort’s CSV to stdout, with the answers on request', async () => {
    const args = [
      'export',
      '--platform',
      'slack',
      '--tenant',
      'T9',
      '--cohort',
      'C1',
      '--since',
      '2020-01-03',
    ];
    const plain = await runCliInProcess(args, { env });
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    const rows = parse(plain.stdout) as string[][];
    expect(rows).toEqual([
      [
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
      ],
      [
        'slack',
        'T9',
        'C1',
        'ann',
        '2020-01-05T09:00:00.000Z',
        'mini',
        'upcoding',
        'technical',
        'compliance',
        '5',
        'offline',
        '',
      ],
    ]);
    expect(plain.stdout.endsWith('\r\n')).toBe(true);
    const withAnswers = await runCliInProcess([...args, '--answers'], { env });
    expect((parse(withAnswers.stdout) as string[][])[1]!.at(-1)).toBe(`'@ann, "é" 🎉`);
  });

  it('says which cohort to name, and refuses bad flags, with exit code 2', async () => {
    const unnamed = await runCliInProcess(['export', '--platform', 'slack', '--tenant', 'T9'], { env });
    expect(unnamed.code).toBe(2);
    expect(unnamed.stdout).toBe('');
    expect(unnamed.stderr).toContain("Name the cohort's channel");
    expect(unnamed.stderr).toContain('<#C1>, <#C2>');
    const platform = await runCliInProcess(['export', '--platform', 'irc', '--tenant', 'T9'], { env });
    expect(platform.code).toBe(2);
    expect(platform.stderr).toContain('--platform must be one of slack, discord');
    const since = await runCliInProcess(
      ['export', '--platform', 'slack', '--tenant', 'T9', '--cohort', 'C1', '--since', '2020-02-31'],
      { env },
    );
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('"2020-02-31" is not a date to export from');
    const help = await runCliInProcess(['export', '--help'], { env });
    expect(help.stdout).toContain('Usage: starcoach export --platform slack|discord --tenant ID');
  });
});
