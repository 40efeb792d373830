import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: a turn graded offline takes milliseconds, an LLM grade seconds, a slow one tens. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Seconds: SQLite answers in tens of microseconds, a nearby Redis or PostgreSQL in about a millisecond. */
const storeBuckets = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/**
 * What an operator watches, in Prometheus' terms, on a registry of this process's own (so tests and
 * two runtimes in one process never share counts). `/metrics` serves `registry.metrics()`.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'starcoach_' });
  const registers = [registry];
  // Read on each scrape from the coach that instrumentCoach was given.
  const gate = { load: () => ({ active: 0, waiting: 0 }) };
  return {
    registry,
    gate,
    eventsHandled: new Counter({
      name: 'starcoach_events_handled_total',
      help: 'Platform events handled by the coach, by platform and event type.',
      labelNames: ['platform', 'type'] as const,
      registers,
    }),
    gradeSeconds: new Histogram({
      name: 'starcoach_grade_duration_seconds',
      help: 'Time to grade one answer, by the grader that answered (offline, llm).',
      labelNames: ['source'] as const,
      buckets: latencyBuckets,
      registers,
    }),
    llmCalls: new Counter({
      name: 'starcoach_llm_grades_total',
      help: 'Answers sent to the LLM to grade, by outcome (ok, fallback).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    llmFallbacks: new Counter({
      name: 'starcoach_llm_fallbacks_total',
      help: 'Answers the built-in grader scored instead of the LLM, by reason (llm-failed, budget-exhausted).',
      labelNames: ['reason'] as const,
      registers,
    }),
    llmTokens: new Counter({
      name: 'starcoach_llm_tokens_total',
      help: 'LLM tokens used for grading, by kind (prompt, completion).',
      labelNames: ['kind'] as const,
      registers,
    }),
    gateWaiting: new Gauge({
      name: 'starcoach_gate_waiting_events',
      help: 'Events waiting for a slot at the gate: more instances are due when this stays above zero.',
      registers,
      collect() {
        this.set(gate.load().waiting);
      },
    }),
    gateActive: new Gauge({
      name: 'starcoach_gate_active_events',
      help: 'Events being worked on now.',
      registers,
      collect() {
        this.set(gate.load().active);
      },
    }),
    drillPosts: new Counter({
      name: 'starcoach_drill_posts_total',
      help: 'Questions of the day posted, by platform and outcome (ok, failed).',
      labelNames: ['platform', 'outcome'] as const,
      registers,
    }),
    reminderPosts: new Counter({
      name: 'starcoach_reminder_posts_total',
      help: 'Reminders and digests sent as direct messages, by platform and outcome (ok, failed).',
      labelNames: ['platform', 'outcome'] as const,
      registers,
    }),
    platformErrors: new Counter({
      name: 'starcoach_platform_errors_total',
      help: 'Replies the platform refused, by platform and its code (not_in_channel, 50013, …).',
      labelNames: ['platform', 'code'] as const,
      registers,
    }),
    storeSeconds: new Histogram({
      name: 'starcoach_store_operation_duration_seconds',
      help: 'Time of a store round trip, by operation (read, write, claim, …), failed ones included; one call in 8 is timed.',
      labelNames: ['operation'] as const,
      buckets: storeBuckets,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
