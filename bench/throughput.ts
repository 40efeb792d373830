// Runs in its own process (started by run.ts) so rss_mb is the memory of a bot that served
// 1,000 concurrent users, not of the micro-benchmarks before it. With a store URL argument it measures
// that store instead of a fresh SQLite file, and names its figure with the second argument
// (turns_per_s.redis); rss_mb is printed for the default run only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import type { Actor } from '../src/core/ports.ts';
import { benchAnswer, benchEvent, openBenchCoach, print, quietOutbox } from './bench-support.ts';

const users = 1000;
const rounds = 3;
const [storeUrl, label, prefix] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'starcoach-load-'));
try {
  const url = storeUrl ?? `sqlite://${join(dir, 'load.sqlite')}`;
  const { store, coach } = await openBenchCoach(url, loadPacks(), prefix);
  const actors = Array.from(
    { length: users },
    (_, index): Actor => ({ platform: 'bench', tenant: 'load', user: `u${index}` }),
  );
  const options = { packId: 'medical-coding', count: 5, followUps: 0 };
  await Promise.all(
    actors.map((actor) => coach.handle(benchEvent(actor, { type: 'session-start', options }), quietOutbox)),
  );
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(
      actors.map((actor) =>
        coach.handle(benchEvent(actor, { type: 'answer-submit', text: benchAnswer }), quietOutbox),
      ),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  print(label ? `turns_per_s.${label}` : 'turns_per_s', (users * rounds) / seconds, 'turns/s');
  if (!label) {
    // After a collection: what the process keeps, not garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    print('rss_mb', process.memoryUsage().rss / 1024 / 1024, 'MB');
  }
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
