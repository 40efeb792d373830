import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

/**
 * A store that cannot be opened ends `starcoach progress` with exit 1 and a message saying what is
 * wrong, well before the test's own timeout. Where the fault is immediate (refused, bad credentials)
 * the connect timeout is set far above the time allowed, so waiting for it would fail the test; where
 * the server never answers, it is short, and the run must end soon after it.
 */
const dir = mkdtempSync(join(tmpdir(), 'starcoach-faults-'));
const longTimeoutMs = 20_000;
const shortTimeoutMs = 1000;
/** Starting the CLI through tsx takes a second or two, more on a loaded machine. */
const allowedMs = 12_000;
const password = 'Sup3r-s3cret';

async function runProgress(storeUrl: string, connectTimeoutMs: number) {
  const started = performance.now();
  const run = await runCli(['progress'], {
    env: {
      STARCOACH_STORE_URL: storeUrl,
      STARCOACH_STORE_CONNECT_TIMEOUT_MS: String(connectTimeoutMs),
      STARCOACH_USER: 'tester',
    },
    cwd: dir,
  });
  return { ...run, ms: performance.now() - started };
}

function expectFailure(run: Awaited<ReturnType<typeof runProgress>>, message: RegExp) {
  expect(run.stderr).toMatch(message);
  expect(run.code).toBe(1);
  expect(run.stderr).not.toContain(password);
  expect(run.stderr).not.toMatch(/\n\s+at |Unhandled|unexpected error/);
  expect(run.ms).toBeLessThan(allowedMs);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

let garbagePort = 0;
let silentPort = 0;
let closedPort = 0;
const servers: Server[] = [];
const sockets = new Set<Socket>();

function track(socket: Socket): void {
  sockets.add(socket);
  socket.on('error', () => {});
  socket.on('close', () => sockets.delete(socket));
}

beforeAll(async () => {
  // Answers every request with bytes neither Redis nor PostgreSQL would send.
  const garbage = createServer((socket) => {
    track(socket);
    socket.on('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  });
  // Accepts the connection and never says a word.
  const silent = createServer(track);
  servers.push(garbage, silent);
  garbagePort = await listen(garbage);
  silentPort = await listen(silent);
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

describe.each(['redis', 'postgres'] as const)('a %s store that cannot be reached', (scheme) => {
  const engine = scheme === 'redis' ? 'Redis' : 'PostgreSQL';
  const url = (port: number) => `${scheme}://tester:${password}@127.0.0.1:${port}/0`;

  it('is refused on a closed port: is the server running?', async () => {
    const run = await runProgress(url(closedPort), longTimeoutMs);
    expectFailure(
      run,
      new RegExp(`${engine} store at ${scheme}://127.0.0.1:${closedPort}/0: .*refused.*running`),
    );
  });

  it('speaks another protocol: check the port', async () => {
    const run = await runProgress(url(garbagePort), longTimeoutMs);
    expectFailure(
      run,
      new RegExp(`${engine} store .*(another protocol|no answer within).*STARCOACH_STORE_URL`),
    );
  });

  it('never answers: gives up after the connect timeout', async () => {
    const run = await runProgress(url(silentPort), shortTimeoutMs);
    expectFailure(run, new RegExp(`no answer within ${shortTimeoutMs} ms.*${engine} server`));
  });
});

describe('the other service on the store port', () => {
  const redisUrl = process.env.REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL;

  it.skipIf(!databaseUrl)('redis:// at the PostgreSQL port (needs DATABASE_URL)', async () => {
    const port = new URL(databaseUrl!).port || '5432';
    const run = await runProgress(`redis://127.0.0.1:${port}`, longTimeoutMs);
    expectFailure(
      run,
      /Redis store at redis:\/\/127\.0\.0\.1:\d+: .*another protocol.*Redis listens on 6379/,
    );
  });

  it.skipIf(!redisUrl)('postgres:// at the Redis port (needs REDIS_URL)', async () => {
    const port = new URL(redisUrl!).port || '6379';
    const run = await runProgress(`postgres://postgres:${password}@127.0.0.1:${port}/test`, shortTimeoutMs);
    expectFailure(run, /PostgreSQL store at postgres:\/\/127\.0\.0\.1:\d+\/test: /);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL refuses (needs DATABASE_URL)', () => {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://localhost');

  it('a user that does not exist, with a password: check the credentials', async () => {
    const url = new URL(server);
    url.username = 'starcoach_no_such_user';
    url.password = password;
    const run = await runProgress(url.href, longTimeoutMs);
    expectFailure(run, /PostgreSQL store at .*: .*user name or password.*credentials in STARCOACH_STORE_URL/);
  });

  it('a database that does not exist: create it', async () => {
    const url = new URL(server);
    url.pathname = '/starcoach_no_such_db';
    const run = await runProgress(url.href, longTimeoutMs);
    expectFailure(run, /database "starcoach_no_such_db" does not exist\. Create it/);
  });
});

describe('an SQLite path that cannot be written', () => {
  // Root writes through chmod, so the folder is made impossible instead: a regular file stands where it would be.
  it('a folder that is a regular file', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'plain text\n');
    const run = await runProgress(`sqlite://${join(file, 'state.sqlite')}`, longTimeoutMs);
    expectFailure(run, /SQLite store at .*not-a-folder\/state\.sqlite: cannot create or write the file/);
  });

  it('a file that is not a database', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'plain text that is long enough to fill a database header, and more text.\n');
    const run = await runProgress(`sqlite://${file}`, longTimeoutMs);
    expectFailure(run, /SQLite store at .*notes\.txt: the file is not an SQLite database/);
  });
});
