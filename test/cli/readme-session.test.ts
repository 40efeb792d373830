import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The Quick start's sample session: the command line (answers piped in) and what it printed. */
function sampleSession() {
  const block = /```console\n(\$ printf '%s\\n' .*)\n([\s\S]*?)\n```/.exec(readme);
  if (!block) throw new Error("README has no ```console block starting with $ printf '%s\\n'");
  const [, command, output] = block as unknown as [string, string, string];
  const [piped, invocation] = command.split(' | starcoach ') as [string, string];
  const answers = [...piped.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!);
  return { answers, args: invocation.split(' '), output };
}

it("prints the README's sample session word for word", async () => {
  const { answers, args, output } = sampleSession();
  expect(answers.length).toBeGreaterThan(0);
  const run = await runCliInProcess(args, {
    input: `${answers.join('\n')}\n`,
    env: { STARCOACH_STORE_URL: 'memory://', STARCOACH_USER: 'readme' },
  });
  expect(run.code).toBe(0);
  expect(run.stdout.trimEnd()).toBe(output);
});
