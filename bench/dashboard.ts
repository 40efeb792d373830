// dashboard.p99_ms: the overview page of a 2,000-member cohort over 90 days, on the SQLite file store
// (the same cohort as roster.p99_ms): a signed-in GET /c/<channel>?period=90d over HTTP to the real
// dashboard server, from request to the last byte of HTML; p99 over repeated runs.
// dashboard.figures_p99_ms is the core's part alone (coach.dashboard.overview).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDashboardApp, createLinkSigner, startHttpServer } from '../adapters/web/index.ts';
import { loadPacks } from '../src/content/load-pack.ts';
import { createCoach } from '../src/core/coach.ts';
import type { DashboardViewer } from '../src/core/dashboard-types.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor } from '../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import { percentile } from './bench-support.ts';
import { seedCohort } from './seed-cohort.ts';

const members = 2000;
const days = 90;
const runs = 40;

export async function benchDashboard(
  print: (name: string, value: number, unit: string) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-dashboard-'));
  const now = Date.parse('2026-11-23T12:00:00Z');
  const clock = { now: () => now };
  const packs = loadPacks();
  const pack = packs.get('medical-coding')!;
  const store = await CoachStore.open({ url: `sqlite://${join(dir, 'dashboard.sqlite')}`, cwd: dir, clock });
  try {
    const coach = createCoach({
      store,
      packs,
      feedback: createOfflineFeedbackModel(),
      clock,
      logger: silentLogger,
    });
    const instructor: Actor = { platform: 'bench', tenant: 'cohort', user: 'teacher', roles: ['instructor'] };
    const channel = 'C-dashboard';
    await seedCohort({ coach, store, pack, instructor, channel, members, days, now });
    const viewer: DashboardViewer = { ...instructor, role: 'instructor', cohorts: [channel] };
    const figures: number[] = [];
    for (let run = 0; run < runs + 3; run += 1) {
      const started = performance.now();
      const overview = await coach.dashboard.overview(viewer, channel, 90);
      if (overview.cohort.members !== members) {
        throw new Error(`the overview had ${overview.cohort.members} members`);
      }
      // The first runs warm up the JIT and SQLite's cache.
      if (run >= 3) figures.push(performance.now() - started);
    }
    const secret = 'bench-secret-bench-secret-bench-secret';
    const server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      dashboard: createDashboardApp({
        reads: coach.dashboard,
        secret,
        publicUrl: 'http://127.0.0.1',
        clock,
        logger: silentLogger,
        rateLimit: { limit: 1_000_000, windowMs: 60_000 },
      }),
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const link = createLinkSigner({ secret, publicUrl: base }).sign(viewer, now);
      const opened = await fetch(link.url);
      const cookie = opened.headers.get('set-cookie')?.split(';')[0];
      if (!cookie) throw new Error(`opening the link set no cookie (${opened.status})`);
      const pages: number[] = [];
      for (let run = 0; run < runs + 3; run += 1) {
        const started = performance.now();
        const page = await fetch(`${base}/c/${channel}?period=90d`, { headers: { cookie } });
        const html = await page.text();
        if (page.status !== 200 || !html.includes('<svg'))
          throw new Error(`the overview page answered ${page.status}`);
        if (run >= 3) pages.push(performance.now() - started);
      }
      print('dashboard.p99_ms', percentile(pages, 99), 'ms');
      print('dashboard.figures_p99_ms', percentile(figures, 99), 'ms');
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
