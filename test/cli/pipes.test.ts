import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

/**
 * `starcoach … | head -1`: the reader closes the pipe early. The command must end by itself with its
 * own exit code and nothing but its own words on stderr (no EPIPE, no stack trace).
 */
const dir = mkdtempSync(join(tmpdir(), 'starcoach-pipes-'));
const env = {
  ...process.env,
  NO_COLOR: '1',
  STARCOACH_STORE_URL: `sqlite://${join(dir, 'state.sqlite')}`,
  STARCOACH_USER: 'tester',
};
const bin = new URL('../../bin/starcoach', import.meta.url).pathname;

/** Runs the CLI and closes the read side of its stdout after `keepChunks` chunks (0: before any). */
function runIntoClosedPipe(args: string[], keepChunks: number) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; read: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let read = '';
      let chunks = 0;
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      if (keepChunks === 0) child.stdout.destroy();
      else
        child.stdout.on('data', (chunk) => {
          read += chunk;
          chunks += 1;
          if (chunks >= keepChunks) child.stdout.destroy();
        });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ code, signal, stderr, read }));
    },
  );
}

async function questionIds(): Promise<string[]> {
  const run = await runCli(['questions', '--pack', 'medical-coding', '--json']);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { id: string }[]).map((row) => row.id);
}

describe('output into a closed pipe', () => {
  it('grade --batch --json | head -1 ends quietly with 0', async () => {
    const ids = await questionIds();
    const answer =
      'In my last role the situation was a coding backlog; my task was to clear it. I retrained the team and the result was 30% fewer denials. ';
    // Far more output than a pipe buffers, so the writes go on after the reader has gone.
    const lines = Array.from({ length: 3000 }, (_, index) =>
      JSON.stringify({ question: ids[index % ids.length], answer: answer.repeat(4) }),
    );
    const batch = join(dir, 'batch.jsonl');
    writeFileSync(batch, `${lines.join('\n')}\n`);
    const run = await runIntoClosedPipe(['grade', '--pack', 'medical-coding', '--batch', batch, '--json'], 1);
    expect(run.read).toMatch(/^\{"question":/);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at |unexpected error/);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });

  it('progress | head -1 (reader gone before the first line) ends quietly with 0', async () => {
    const run = await runIntoClosedPipe(['progress'], 0);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at |unexpected error/);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });

  it('keeps the command’s own exit code when the pipe closes after it failed', async () => {
    const run = await runIntoClosedPipe(
      ['grade', '--pack', 'medical-coding', '--batch', join(dir, 'missing.jsonl')],
      0,
    );
    expect(run.stderr).toMatch(/missing\.jsonl/);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.code).toBe(2);
  });
});
