import { afterAll, describe, expect, it } from 'vitest';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * Eight `starcoach practice` processes for one user at once, each answering all ten questions, on one
 * store: every answer is recorded, each run in a session of its own.
 */

const runs = 8;
const answers = Array.from(
  { length: 10 },
  (_, index) =>
    `I would code only what is documented and send a non-leading query to the physician, answer ${index + 1}.`,
).join('\n');

for (const backend of backendCases().filter((entry) => entry.name !== 'memory')) {
  describe.skipIf(backend.url === null)(`concurrent practice runs on ${backend.name}`, () => {
    const prefix = uniquePrefix(`practice_${backend.name}`);
    const env = {
      STARCOACH_STORE_URL: backend.url ?? '',
      STARCOACH_STORE_PREFIX: prefix,
      STARCOACH_USER: `racer-${process.pid}`,
    };
    afterAll(async () => {
      await dropTestData(backend, prefix);
    });

    it(`records all ${runs * 10} answers of ${runs} processes for one user, in ${runs} sessions`, async () => {
      const results = await Promise.all(
        Array.from({ length: runs }, () =>
          runCli(['practice', '--count', '10', '--follow-ups', '0', '--new'], { input: answers, env }),
        ),
      );
      for (const run of results) {
        expect(run.stderr).not.toMatch(/something went wrong|error/i);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout.match(/Score \d\/5/g)).toHaveLength(10);
        expect(run.stdout).toContain('Summary · 10 of 10 answered');
      }
      const progress = await runCli(['progress', '--json'], { env });
      expect(progress.code).toBe(0);
      expect(JSON.parse(progress.stdout)).toMatchObject({ sessions: runs, answered: runs * 10 });
    }, 180_000);
  });

  if (backend.url === null) {
    describe(`concurrent practice runs on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}
