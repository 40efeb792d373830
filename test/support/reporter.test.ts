import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('../fixtures/reporter/', import.meta.url));

it('ends with the plain counts, and names the variable that turns skipped server tests on', () => {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--root', fixture], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const lines = run.stdout.trim().split('\n');
  expect(lines.at(-1)).toBe('1 passed, 1 failed, 3 skipped');
  expect(lines.filter((line) => line.startsWith('skipped: '))).toEqual([
    'skipped: set FOO_URL (e.g. foo://127.0.0.1) to run the foo tests (2 files)',
  ]);
  expect(run.status).toBe(1);
});
