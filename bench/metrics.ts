/**
 * metrics.overhead_pct: what metrics cost a busy bot. The same turns (300 members answering at once,
 * graded offline, on an in-memory store so that nothing but our own work is timed) run through one
 * coach, in alternating rounds of one run, without metrics and with every instrument `starcoach
 * slack|discord` adds (events, grade latency, the gate, refused replies) plus a scrape of /metrics'
 * text after each round. The figure is the throughput lost, in percent (noise can make it slightly
 * negative). Target < 3 %.
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
import { createMetrics } from '../src/metrics/metrics.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import { benchAnswer, benchEvent, quietOutbox } from './bench-support.ts';

const members = 300;
const rounds = 20;

/**
 * One coach and store, timed with and without the instruments: the plain coach and its instrumented
 * wrapper share everything (sessions, caches, the grader's warm state), so only the metrics differ.
 */
async function openCoaches() {
  const packs = loadPacks();
  const store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock: systemClock });
  const metrics = createMetrics();
  const offline = createOfflineFeedbackModel();
  const instrumented = instrumentFeedback(offline, metrics);
  const switched = { on: false };
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
  let off = 0;
  let on = 0;
  const timeOff = async () => {
    switched.on = false;
    off += await round(plain, actors);
  };
  const timeOn = async () => {
    switched.on = true;
    const started = performance.now();
    await round(measured, actors);
    await metrics.registry.metrics();
    on += performance.now() - started;
  };
  await timeOff();
  await timeOn();
  off = 0;
  on = 0;
  for (let index = 0; index < rounds; index++) {
    // Alternating which goes first cancels out a drift of the machine's speed within the run.
    if (index % 2 === 0) {
      await timeOff();
      await timeOn();
    } else {
      await timeOn();
      await timeOff();
    }
  }
  await store.close();
  print('metrics.overhead_pct', ((on - off) / off) * 100, '%');
  print('metrics.turns_per_s_off', (members * rounds) / (off / 1000), 'turns/s');
}
