import { spawn } from 'node:child_process';

/** The JSON log lines a process has written so far (other lines skipped). */
export function logLines(stderr: string): Record<string, unknown>[] {
  return stderr.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/**
 * Starts a long-running starcoach process and waits for its `http-listening` log line. `port` resolves
 * with the port it names, and rejects (with what the process said) if it exits first.
 */
export function spawnServer(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }) {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const listening = logLines(stderr).find((line) => line.event === 'http-listening');
      if (listening) resolve(Number(listening.port));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, exited, stderr: () => stderr, logs: () => logLines(stderr) };
}
