import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess as runCli } from '../support/run-cli-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-flags-'));
const env = { STARCOACH_STORE_URL: `sqlite://${join(dir, 'state.sqlite')}`, STARCOACH_USER: 'flags' };
const practice = ['practice', '--pack', 'medical-coding'];

describe('flags', () => {
  it.each(['0x3', '3.5', '1e1', '', ' 3', '+3', '0', '51', 'three'])(
    '--count %j is refused with what to write instead',
    async (value) => {
      const run = await runCli([...practice, '--count', value], { env, input: '/end\n' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `--count must be a whole number from 1 to 50, like --count 5 (got "${value}")`,
      );
      expect(run.stdout).not.toContain('Q1/');
    },
  );

  it('--count 3 and --follow-ups 0 are taken as written', async () => {
    const run = await runCli([...practice, '--count', '3', '--follow-ups', '0'], { env, input: '/end\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Q1/3');
    const empty = await runCli([...practice, '--follow-ups', ''], { env, input: '/end\n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--follow-ups must be a whole number from 0 to 3, like --follow-ups 1');
  });

  it('refuses flags that ask for opposite things', async () => {
    const both = await runCli([...practice, '--resume', '--new'], { env, input: '' });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--resume and --new cannot be used together');
    const grade = ['grade', '--pack', 'medical-coding', '--question', 'chest-pain-unspecified'];
    const answerAndFile = await runCli([...grade, '--answer', 'x', '--answer-file', join(dir, 'a.txt')]);
    expect(answerAndFile.code).toBe(2);
    expect(answerAndFile.stderr).toContain(
      'Give one of --answer, --answer-file or --audio-file, not --answer and --answer-file.',
    );
    const answerAndBatch = await runCli([
      'grade',
      '--pack',
      'medical-coding',
      '--answer',
      'x',
      '--batch',
      join(dir, 'b.jsonl'),
    ]);
    expect(answerAndBatch.code).toBe(2);
    expect(answerAndBatch.stderr).toContain('leave out --answer');
  });

  it('--resume with nothing to resume says so and exits 2 instead of starting anew', async () => {
    const fresh = { ...env, STARCOACH_USER: 'nobody-yet' };
    const run = await runCli([...practice, '--resume'], { env: fresh, input: 'An answer.\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('There is no session to resume');
    expect(run.stderr).toContain('starcoach practice');
    expect(run.stdout).not.toContain('Q1/');
  });

  it.each([
    ['practice'],
    ['terminal'],
    ['questions'],
    ['grade'],
    ['grade', '--pack', 'medical-coding'],
    ['progress'],
    ['forget'],
    ['pack'],
    ['pack', 'validate'],
    ['slack'],
    ['discord'],
    ['discord', 'register'],
  ])('starcoach %s … --help and -h print usage and exit 0', async (...command) => {
    for (const flag of ['--help', '-h']) {
      const run = await runCli([...command, flag], { env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      // `terminal` is another name for practice, and says so.
      expect(run.stdout).toContain(`Usage: starcoach ${command[0] === 'terminal' ? 'practice' : command[0]}`);
    }
  });
});

/** bin/starcoach practice with stdin left open: lines are typed one at a time. */
function startPractice(args: string[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [new URL('../../bin/starcoach', import.meta.url).pathname, ...args],
    {
      env: { ...process.env, NO_COLOR: '1', ...env, STARCOACH_USER: 'resumer' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  async function waitFor(text: string) {
    const deadline = Date.now() + 15_000;
    while (!stdout.includes(text)) {
      if (Date.now() > deadline) throw new Error(`never saw ${text}: ${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { child, exited, waitFor, output: () => stdout };
}

describe('resuming', () => {
  it('the header shows the resumed session’s own kind, level and count, not the flags of this run', async () => {
    const first = startPractice([
      ...practice,
      '--kind',
      'technical',
      '--level',
      'mid',
      '--count',
      '3',
      '--follow-ups',
      '0',
    ]);
    await first.waitFor('Q1/3');
    expect(first.output()).toContain('technical · mid · 3 questions');
    first.child.stdin!.write('I would code R07.9 and send the physician a non-leading query.\n');
    await first.waitFor('Q2/3');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);

    const resumed = await runCli([...practice, '--resume', '--kind', 'behavioral', '--count', '5'], {
      env: { ...env, STARCOACH_USER: 'resumer' },
      input: '',
    });
    expect(resumed.code).toBe(0);
    const header = resumed.stdout.split('\n').find((line) => line.startsWith('starcoach ·'));
    expect(header).toContain('technical · mid · 3 questions');
    expect(resumed.stdout).toContain('Q2/3');
  });
});

describe('practice --question', () => {
  it('asks that one question, and refuses an unknown id or flags that choose others', async () => {
    const one = await runCli([...practice, '--question', 'modifier-25', '--follow-ups', '0'], {
      env: { ...env, STARCOACH_USER: 'one-question' },
      input: 'I append modifier 25 to the E/M when the visit is significant and separately identifiable.\n',
    });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Q1/1');
    expect(one.stdout).toContain('modifier 25');
    const unknown = await runCli([...practice, '--question', 'nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'Pack medical-coding has no question "nope". List them with: starcoach questions',
    );
    const clash = await runCli([...practice, '--question', 'modifier-25', '--count', '3'], { env });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--question and --count cannot be used together');
  });
});
