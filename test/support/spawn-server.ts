import { spawn } from 'node:child_process';

/**
 * Starts a long-running starcoach process and waits for the stderr line that says where it listens.
 * `port` resolves with the number the `ready` pattern's first group captures, and rejects (with what
 * the process said) if it exits first.
 */
export function spawnServer(
  args: string[],
  options: { env: NodeJS.ProcessEnv; ready: RegExp; cwd?: string },
) {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = options.ready.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, exited, stderr: () => stderr };
}
