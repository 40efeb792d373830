import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeLines } from '../../src/cli/data-lines.ts';
import type { Actor } from '../../src/core/ports.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { runCliInProcess } from '../support/run-cli-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-data-'));
const storeUrl = (name: string) => `sqlite://${join(dir, `${name}.sqlite`)}`;
const envFor = (name: string) => ({ STARCOACH_STORE_URL: storeUrl(name), STARCOACH_PACKS_DIR: '' });
const ann: Actor = { platform: 'slack', tenant: 'T9', user: 'ann' };
const ben: Actor = { platform: 'slack', tenant: 'T9', user: 'ben' };

async function withStore<T>(name: string, use: (store: CoachStore) => Promise<T>): Promise<T> {
  const store = await CoachStore.open({ url: storeUrl(name), cwd: dir, clock: new ManualClock() });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

let backup: string;

beforeAll(async () => {
  await withStore('source', async (store) => {
    for (const actor of [ann, ben]) {
      await store.updateHistory(actor, (history) => ({ ...history, activeDays: ['2026-11-20'] }));
      await store.updateMemberSettings(actor, (settings) => ({ ...settings, leaderboard: true }));
      await store.joinRoster(actor);
      await store.joinCohort(actor, 'C1');
    }
  });
  const exported = await runCliInProcess(['data', 'export'], { env: envFor('source') });
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  backup = exported.stdout;
});

describe('starcoach data', () => {
  it('exports JSON Lines to stdout: a header, the records and sets, and an end line', () => {
    const lines = backup
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({
      format: 'starcoach-backup',
      version: 1,
      store: 'sqlite',
      prefix: 'starcoach',
    });
    const records = lines.filter((line) => line.type === 'record');
    const sets = lines.filter((line) => line.type === 'set');
    expect(lines.at(-1)).toEqual({ type: 'end', records: records.length, sets: sets.length });
    expect(
      records
        .filter((line) => line.namespace === 'history')
        .map((line) => line.key)
        .sort(),
    ).toEqual(['slack:T9:ann', 'slack:T9:ben']);
    expect(sets.map((line) => line.set).sort()).toEqual(['cohort:slack:T9:C1', 'roster:slack:T9']);
  });

  it('exports to a file with --out, line for line what stdout gets apart from the time', async () => {
    const out = join(dir, 'out.jsonl');
    const run = await runCliInProcess(['data', 'export', '--out', out], { env: envFor('source') });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const body = (text: string) => text.trimEnd().split('\n').slice(1);
    expect(body(readFileSync(out, 'utf8'))).toEqual(body(backup));
  });

  it('imports a file into another store, which then reads the same, and says what it imported', async () => {
    const file = join(dir, 'backup.jsonl');
    writeFileSync(file, backup);
    const run = await runCliInProcess(['data', 'import', file], { env: envFor('copy') });
    expect(run.code).toBe(0);
    const records = backup.split('\n').filter((line) => line.includes('"type":"record"')).length;
    expect(run.stderr).toBe(`imported ${records} records and 2 sets into sqlite\n`);
    await withStore('copy', async (copy) => {
      expect((await copy.getHistory(ann)).activeDays).toEqual(['2026-11-20']);
      expect((await copy.getMemberSettings(ben)).leaderboard).toBe(true);
      expect((await copy.getRoster('slack', 'T9')).sort()).toEqual(['ann', 'ben']);
      expect((await copy.cohortMembers('slack', 'T9', 'C1')).sort()).toEqual(['ann', 'ben']);
    });
    const again = await runCliInProcess(['data', 'import', file], { env: envFor('copy') });
    expect(again.code).toBe(0);
    const exported = await runCliInProcess(['data', 'export'], { env: envFor('copy') });
    expect(exported.stdout.split('\n').slice(1)).toEqual(backup.split('\n').slice(1));
  });

  it('imports from stdin with -', async () => {
    const run = await runCliInProcess(['data', 'import', '-'], { env: envFor('piped'), input: backup });
    expect(run.code).toBe(0);
    await withStore('piped', async (copy) => {
      expect((await copy.getHistory(ben)).activeDays).toEqual(['2026-11-20']);
    });
  });

  it('refuses a file cut short, with exit 1, and writes nothing', async () => {
    const lines = backup.trimEnd().split('\n');
    const file = join(dir, 'truncated.jsonl');
    writeFileSync(file, `${lines.slice(0, -2).join('\n')}\n`);
    const run = await runCliInProcess(['data', 'import', file], { env: envFor('untouched') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('has no end line: it was cut short');
    expect(run.stderr).toContain('Nothing was imported');
    expect(existsSync(join(dir, 'untouched.sqlite'))).toBe(false);
  });

  it('refuses an end line whose counts do not match, and a bad line by its number, writing nothing', async () => {
    await withStore('guarded', (store) => store.joinRoster({ platform: 'slack', tenant: 'T1', user: 'zed' }));
    const lines = backup.trimEnd().split('\n');
    const dropped = [...lines.slice(0, 2), ...lines.slice(3)];
    const short = join(dir, 'miscounted.jsonl');
    writeFileSync(short, `${dropped.join('\n')}\n`);
    const miscounted = await runCliInProcess(['data', 'import', short], { env: envFor('guarded') });
    expect(miscounted.code).toBe(1);
    expect(miscounted.stderr).toMatch(/line \d+: the end line counts \d+ records/);

    const broken = [...lines];
    broken[2] = JSON.stringify({ type: 'record', namespace: 'history', key: 'x', version: -1, data: {} });
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${broken.join('\n')}\n`);
    const invalid = await runCliInProcess(['data', 'import', bad], { env: envFor('guarded') });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`${bad} line 3:`);
    expect(invalid.stderr).toContain('version');

    const stats = await runCliInProcess(['data', 'stats', '--json'], { env: envFor('guarded') });
    expect(JSON.parse(stats.stdout)).toEqual({
      store: 'sqlite',
      namespaces: {},
      sets: { roster: { sets: 1, members: 1 } },
    });
  });

  it('counts records and bytes per namespace, and sets per kind', async () => {
    const json = await runCliInProcess(['data', 'stats', '--json'], { env: envFor('source') });
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.stdout);
    expect(stats.store).toBe('sqlite');
    expect(stats.namespaces.history.records).toBe(2);
    expect(stats.namespaces.members.records).toBe(2);
    expect(stats.namespaces.history.bytes).toBeGreaterThan(100);
    expect(stats.sets).toEqual({ cohort: { sets: 1, members: 2 }, roster: { sets: 1, members: 2 } });
    const text = await runCliInProcess(['data', 'stats'], { env: envFor('source') });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^history\s+2\s+\d+$/m);
    expect(text.stdout).toMatch(/^roster\s+1\s+2$/m);
  });

  it('says how to use it: --help, a missing or unknown action, a missing file', async () => {
    const help = await runCliInProcess(['data', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: starcoach data export [--out FILE]');
    const none = await runCliInProcess(['data'], { env: envFor('source') });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('starcoach data export|import|stats');
    const unknown = await runCliInProcess(['data', 'backup'], { env: envFor('source') });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown data action "backup"');
    const missing = await runCliInProcess(['data', 'import', join(dir, 'nope.jsonl')], { env: envFor('x') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    const noStore = await runCliInProcess(['data', 'export'], { env: envFor('never-made') });
    expect(noStore.code).toBe(1);
    expect(noStore.stderr).toContain('There is no store at');
  });
});

describe('writing a backup', () => {
  it('waits for a slow reader instead of scanning ahead: lines are made only as they are taken', async () => {
    let made = 0;
    let mostAhead = 0;
    const written: string[] = [];
    const pending: (() => void)[] = [];
    // A reader that takes one line, then waits until the test lets it go on.
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        pending.push(done);
      },
    });
    async function* lines() {
      for (let index = 0; index < 50; index += 1) {
        made += 1;
        mostAhead = Math.max(mostAhead, made - written.length);
        yield `line ${index}`;
      }
    }
    const writing = writeLines(lines(), slow);
    while (written.length < 50) {
      await new Promise((resolve) => setImmediate(resolve));
      pending.shift()?.();
    }
    await writing;
    expect(written).toHaveLength(50);
    expect(written[49]).toBe('line 49\n');
    expect(mostAhead).toBeLessThanOrEqual(2);
  });
});
