import { PassThrough } from 'node:stream';
import { runCli as runStarcoach } from '../../src/cli/main.ts';
import type { CliRun } from './run-cli.ts';

/**
 * The CLI's own entry (what bin/starcoach calls) run in this process, with piped streams and
 * `input` on stdin, then stdin closed: the same code as `runCli` without a second of process start
 * per call. Behaviour that belongs to the process (signals, exit on a closed pipe) needs `runCli`.
 */
export async function runCliInProcess(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  stdin.end(options.input ?? '');
  const env = { ...process.env, NO_COLOR: '1', ...options.env } as Record<string, string>;
  const code = await runStarcoach(args, { stdin, stdout, stderr }, env, options.cwd ?? process.cwd());
  return { code, stdout: out, stderr: err };
}
