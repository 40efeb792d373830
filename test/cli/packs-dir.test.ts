import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-packs-dir-'));
const builtIn = JSON.parse(
  readFileSync(new URL('../../content/medical-coding.json', import.meta.url), 'utf8'),
) as { id: string };

function questions(packsDir: string, pack = 'medical-coding') {
  return runCli(['questions', '--pack', pack], {
    env: { STARCOACH_PACKS_DIR: packsDir, STARCOACH_STORE_URL: 'memory://' },
    cwd: dir,
  });
}

function expectUsageError(run: Awaited<ReturnType<typeof questions>>, message: RegExp) {
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/unexpected error|ENOENT|\n\s+at /);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
}

describe('STARCOACH_PACKS_DIR', () => {
  it('that does not exist is a usage error naming the variable', async () => {
    const missing = join(dir, 'nope');
    expectUsageError(
      await questions(missing),
      new RegExp(`STARCOACH_PACKS_DIR is ${missing}, which does not exist`),
    );
  });

  it('that is a file, not a folder, is a usage error naming the variable', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder\n');
    expectUsageError(
      await questions(file),
      new RegExp(`STARCOACH_PACKS_DIR is ${file}, which is not a folder`),
    );
  });

  it('may not replace a built-in pack: the message says to change its id', async () => {
    const folder = join(dir, 'clash');
    mkdirSync(folder);
    writeFileSync(join(folder, 'mine.json'), JSON.stringify(builtIn));
    expectUsageError(
      await questions(folder),
      /mine\.json has the id "medical-coding" of a built-in pack: give it an id of its own \(its "id" field/,
    );
  });

  it('adds a pack with an id of its own beside the built-in ones', async () => {
    const folder = join(dir, 'own');
    mkdirSync(folder);
    writeFileSync(join(folder, 'mine.json'), JSON.stringify({ ...builtIn, id: 'my-coding' }));
    const own = await questions(folder, 'my-coding');
    expect(own.stderr).toBe('');
    expect(own.code).toBe(0);
    const shipped = await questions(folder, 'medical-coding');
    expect(shipped.code).toBe(0);
    expect(shipped.stdout.replace('(medical-coding)', '(my-coding)')).toBe(own.stdout);
  });
});
