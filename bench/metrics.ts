/**
 * metrics.overhead_pct: what metrics cost a busy bot. The same turns (300 members answering at once,
 * graded offline, on an in-memory store so that nothing but our own work is timed) run through one
 * coach, in alternating rounds of one run, without metrics and with every instrument `starcoach
 * slack|discord` adds (events, grade latency and LLM use, the gate, store round trips). The figure is the throughput
 * lost, in percent: from the medians over pairs of adjacent rounds (each order's, averaged), plus the cost of a scrape of /metrics
 * spread over Prometheus' default 15 s interval (noise can make it slightly negative). Target < 3 %.
 * metrics.scrape_ms: one scrape's time, for information.
 *
 * `node --import tsx -e "import('./bench/metrics.ts').then(m => m.benchMetrics((n,v,u)=>console.log(n+': '+v+' '+u)))"`
 */
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import { systemClock } from '../src/core/clock.ts';
import { type Coach, createCoach } from '../src/core/coach.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor } from '../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { warmGrader } from '../src/feedback/warm-grader.ts';
import { instrumentCoach, instrumentFeedback } from '../src/metrics/instrument.ts';
import { instrumentBackend } from '../src/metrics/instrument-store.ts';
import { createMetrics } from '../src/metrics/metrics.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import type { StoreBackend } from '../src/store/store-backend.ts';
import { benchAnswer, benchEvent, quietOutbox } from './bench-support.ts';

const members = 300;
const rounds = 30;
const scrapeIntervalMs = 15_000;

/**
 * One coach and store, timed with and without the instruments: the plain coach and its instrumented
 * wrapper share everything (sessions, caches, the grader's warm state), so only the metrics differ.
 */
async function openCoaches() {
  const packs = loadPacks();
  const metrics = createMetrics();
  const switched = { on: false };
  const store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock: systemClock,
    wrapBackend: (backend) =>
      switchedBackend(backend, instrumentBackend(backend, metrics.storeSeconds), switched),
  });
  const offline = createOfflineFeedbackModel();
  const instrumented = instrumentFeedback(offline, metrics);
  const coach = createCoach({
    store,
    packs,
    feedback: {
      grade: (request, listener) => (switched.on ? instrumented : offline).grade(request, listener),
    },
    clock: systemClock,
    logger: silentLogger,
    random: seeded(42),
  });
  return { store, metrics, switched, plain: coach, measured: instrumentCoach(coach, metrics) };
}

/** Each call goes to the timed backend while metrics are on, to the plain one while they are off. */
function switchedBackend(plain: StoreBackend, timed: StoreBackend, switched: { on: boolean }): StoreBackend {
  return Object.fromEntries(
    Object.entries(plain).map(([name, member]) => [
      name,
      typeof member === 'function'
        ? (...args: unknown[]) =>
            ((switched.on ? timed : plain) as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(
              ...args,
            )
        : member,
    ]),
  ) as unknown as StoreBackend;
}

/** mulberry32: a small deterministic generator. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One round: every member answers at once; a fresh session whenever the last one ended. */
async function round(coach: Coach, actors: Actor[]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    actors.map((actor) =>
      coach.handle(benchEvent(actor, { type: 'answer-submit', text: benchAnswer }), quietOutbox),
    ),
  );
  return performance.now() - started;
}

export async function benchMetrics(print: (name: string, value: number, unit: string) => void) {
  await warmGrader(loadPacks());
  const { store, metrics, switched, plain, measured } = await openCoaches();
  const actors = Array.from(
    { length: members },
    (_, index): Actor => ({ platform: 'bench', tenant: 'm', user: `m${index}` }),
  );
  // Sessions long enough for every round of both: no session ends and restarts inside the timing.
  const options = { packId: 'medical-coding', count: 2 * rounds + 2, followUps: 0 };
  await Promise.all(
    actors.map((actor) => plain.handle(benchEvent(actor, { type: 'session-start', options }), quietOutbox)),
  );
  const time = async (on: boolean) => {
    switched.on = on;
    return round(on ? measured : plain, actors);
  };
  await time(false);
  await time(true);
  // Adjacent rounds form a pair; medians of the pairs' ratios are robust to a GC pause or a
  // neighbour's burst landing in one round, which a sum is not.
  const ratios: number[] = [];
  for (let index = 0; index < rounds; index++) {
    // Alternating which goes first cancels out a drift of the machine's speed within the run.
    if (index % 2 === 0) {
      const off = await time(false);
      ratios.push((await time(true)) / off);
    } else {
      const on = await time(true);
      ratios.push(on / (await time(false)));
    }
  }
  // Prometheus scrapes every 15 s by default: a scrape's cost, spread over that interval.
  const scrapes: number[] = [];
  for (let index = 0; index < 20; index++) {
    const started = performance.now();
    await metrics.registry.metrics();
    scrapes.push(performance.now() - started);
  }
  const scrapeMs = scrapes.reduce((sum, ms) => sum + ms, 0) / scrapes.length;
  await store.close();
  // The second round of a pair runs after the first one's garbage: the two orders are biased opposite
  // ways, so each order's median is taken and the two are averaged (geometrically), which cancels it.
  const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const offFirst = medianOf(ratios.filter((_, index) => index % 2 === 0));
  const onFirst = medianOf(ratios.filter((_, index) => index % 2 === 1));
  const ratio = Math.sqrt(offFirst * onFirst);
  // Noise can make it slightly negative: printed as measured, not clamped.
  print('metrics.overhead_pct', (ratio - 1) * 100 + (scrapeMs / scrapeIntervalMs) * 100, '%');
  print('metrics.scrape_ms', scrapeMs, 'ms');
}
