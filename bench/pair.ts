/**
 * pair.match_p99_ms: 1,000 members of one workspace joining the peer-pairing queue within a minute,
 * on one instance with SQLite as `npm start` runs it: each join's time, from the call to the member
 * waiting or matched (the store reads, the claims, the match written). Arrivals are spread at random
 * over 15 s (four times a minute's rate, harsher than asked) with a few levels and kinds, so queues
 * both empty out and hold people; fifty joins in another workspace warm it up first. Target < 50 ms.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import type { Actor } from '../src/core/ports.ts';
import { openBenchCoach, percentile } from './bench-support.ts';

const members = 1000;
const spreadMs = 15_000;
const levels = [null, 'junior', 'mid', 'senior'] as const;
const kinds = [null, 'behavioral', 'technical'] as const;

export async function benchPair(print: (name: string, value: number, unit: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-pair-'));
  const { store, coach } = await openBenchCoach(`sqlite://${join(dir, 'pair.sqlite')}`, loadPacks());
  // Earlier benches' garbage collected first, and the join path compiled by a workspace of its own.
  (globalThis as { gc?: () => void }).gc?.();
  for (let index = 0; index < 50; index += 1)
    await coach.pairing.join({ platform: 'bench', tenant: 'warm-up', user: `w${index}` }, { channel: null });
  const samples: number[] = [];
  let matched = 0;
  const join1 = async (index: number) => {
    const actor: Actor = { platform: 'bench', tenant: 'study-group', user: `m${index}` };
    const started = performance.now();
    const result = await coach.pairing.join(actor, {
      channel: null,
      level: levels[index % levels.length],
      kind: kinds[index % kinds.length],
    });
    samples.push(performance.now() - started);
    if (result.status === 'matched') matched += 2;
  };
  await Promise.all(
    Array.from(
      { length: members },
      (_, index) =>
        new Promise<void>((resolve, reject) => {
          setTimeout(() => join1(index).then(resolve, reject), Math.random() * spreadMs);
        }),
    ),
  );
  print('pair.match_p99_ms', percentile(samples, 99), 'ms');
  print('pair.matched_pct', (100 * matched) / members, '%');
  await store.close();
}
