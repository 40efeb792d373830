import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor, Outbox } from '../../src/core/ports.ts';
import { DeliveryError } from '../../src/errors.ts';
import { createLlmFeedbackModel } from '../../src/feedback/llm/create-llm-feedback-model.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { createMemoryUsageLedger } from '../../src/feedback/usage-ledger.ts';
import {
  countingRefusals,
  instrumentCoach,
  instrumentDrillPoster,
  instrumentFeedback,
} from '../../src/metrics/instrument.ts';
import { instrumentBackend, storeSampleEvery } from '../../src/metrics/instrument-store.ts';
import { createMetrics, type Metrics } from '../../src/metrics/metrics.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { FakeOpenAIServer } from '../fakes/openai-server.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

type Family = MetricFamily;

/**
 * The exposition as a Prometheus server reads it. The parser drops histograms' labels, so a histogram's
 * per-label count is read from its `_count` sample, which the parser has checked the syntax of.
 */
async function scrape(metrics: Metrics): Promise<Map<string, Family>> {
  const text = await metrics.registry.metrics();
  const families = parsePrometheusTextFormat(text);
  const map = new Map(families.map((family) => [family.name, family]));
  for (const family of families.filter((candidate) => candidate.type === 'HISTOGRAM')) {
    const counts = [...text.matchAll(new RegExp(`^${family.name}_count\\{([^}]*)\\} (\\S+)$`, 'gm'))];
    family.metrics = counts.map(([, labels, value]) => ({
      labels: Object.fromEntries(
        [...labels!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, label]) => [key!, label!]),
      ),
      value: value!,
    }));
  }
  return map;
}

function sample(families: Map<string, Family>, name: string, labels: Record<string, string>): number {
  const family = families.get(name);
  const row = family?.metrics.find((metric) =>
    Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
  );
  return Number(row?.value ?? row?.count ?? Number.NaN);
}

let llm: FakeOpenAIServer;
beforeAll(async () => {
  llm = await FakeOpenAIServer.start();
});
afterAll(() => llm.close());

const ann: Actor = { platform: 'slack', tenant: 'T1', user: 'U1' };
const place = { channel: 'C1' };

const grade = {
  evidence: [{ for: 'Codes R07.9', quote: 'I code R07.9' }],
  coveredPoints: ['Codes R07.9'],
  missingPoints: ['Queries the physician'],
  redFlags: [],
  star: null,
  score: 3,
  feedback: 'You coded what is documented; say when you would query.',
  followUp: null,
};

describe('metrics', () => {
  it('counts events by platform and type, times grades by source, and counts LLM calls, fallbacks and tokens', async () => {
    const metrics = createMetrics();
    const clock = new ManualClock();
    const model = createLlmFeedbackModel({
      apiKey: 'k',
      baseURL: llm.baseURL,
      model: 'gpt-4o-mini',
      timeoutMs: 500,
      dailyTokenBudget: null,
      usage: createMemoryUsageLedger(),
      fallback: createOfflineFeedbackModel(),
      clock,
      logger: silentLogger,
      maxAttempts: 1,
    });
    const { coach } = await openHarness(instrumentFeedback(model, metrics), 'memory://', clock);
    const measured = instrumentCoach(coach, metrics);
    const out = new RecordingOutbox();
    const start = { type: 'session-start', options: { packId: 'mini', count: 2, followUps: 0 } } as const;
    await measured.handle(eventFor(ann, place, start), out);
    llm.enqueue({ content: grade, usage: { prompt_tokens: 900, completion_tokens: 120 } });
    await measured.handle(eventFor(ann, place, { type: 'answer-submit', text: 'I code R07.9.' }), out);
    llm.enqueue({ status: 500, body: { error: { message: 'down' } } });
    await measured.handle(eventFor(ann, place, { type: 'answer-submit', text: 'It was my mistake.' }), out);

    const families = await scrape(metrics);
    expect(
      sample(families, 'starcoach_events_handled_total', { platform: 'slack', type: 'session-start' }),
    ).toBe(1);
    expect(
      sample(families, 'starcoach_events_handled_total', { platform: 'slack', type: 'answer-submit' }),
    ).toBe(2);
    expect(sample(families, 'starcoach_grade_duration_seconds', { source: 'llm' })).toBe(1);
    expect(sample(families, 'starcoach_grade_duration_seconds', { source: 'offline' })).toBe(1);
    expect(families.get('starcoach_grade_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(sample(families, 'starcoach_llm_grades_total', { outcome: 'ok' })).toBe(1);
    expect(sample(families, 'starcoach_llm_grades_total', { outcome: 'fallback' })).toBe(1);
    expect(sample(families, 'starcoach_llm_fallbacks_total', { reason: 'llm-failed' })).toBe(1);
    expect(sample(families, 'starcoach_llm_tokens_total', { kind: 'prompt' })).toBe(900);
    expect(sample(families, 'starcoach_llm_tokens_total', { kind: 'completion' })).toBe(120);
    expect(sample(families, 'starcoach_gate_waiting_events', {})).toBe(0);
    expect(families.has('starcoach_process_resident_memory_bytes')).toBe(true);
  });

  it('counts replies a platform refused by its code, and drill posts by outcome', async () => {
    const metrics = createMetrics();
    const logged: string[] = [];
    const logger = countingRefusals(
      { warn: (event: string) => logged.push(event), error: () => {} },
      metrics,
    );
    const { coach } = await openHarness(createOfflineFeedbackModel(), 'memory://', undefined, 'metrics', {
      logger,
    });
    const measured = instrumentCoach(coach, metrics);
    const refusing: Outbox = {
      send: () => Promise.reject(new DeliveryError('DELIVERY_FORBIDDEN', 'not_in_channel')),
      update: () => Promise.reject(new DeliveryError('DELIVERY_FORBIDDEN', 'not_in_channel')),
    };
    await measured.handle(
      eventFor(ann, place, { type: 'session-start', options: { packId: 'mini' } }),
      refusing,
    );
    const poster = instrumentDrillPoster(
      { platform: 'discord', postDrill: () => Promise.reject(new Error('Missing Access')) },
      metrics,
    );
    await expect(
      poster.postDrill('G1', 'C1', { type: 'notice', code: 'x', text: 'x', private: false, actions: [] }),
    ).rejects.toThrow();
    const families = await scrape(metrics);
    // Counted from the core's own report of the refusal, which still reaches the log.
    expect(
      sample(families, 'starcoach_platform_errors_total', { platform: 'slack', code: 'not_in_channel' }),
    ).toBe(1);
    expect(sample(families, 'starcoach_drill_posts_total', { platform: 'discord', outcome: 'failed' })).toBe(
      1,
    );
    expect(logged).toContain('reply-delivery-failed');
  });

  it('times one store round trip in eight by operation, failed ones too, on a real SQLite store', async () => {
    const metrics = createMetrics();
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-metrics-'));
    const clock = new ManualClock();
    const store = await CoachStore.open({
      url: `sqlite://${join(dir, 'state.sqlite')}`,
      cwd: dir,
      clock,
      wrapBackend: (backend) => instrumentBackend(backend, metrics.storeSeconds),
    });
    const { coach } = await openHarness(createOfflineFeedbackModel(), 'memory://', clock, 'store-metrics', {
      store,
    });
    const out = new RecordingOutbox();
    await coach.handle(
      eventFor(ann, place, { type: 'session-start', options: { packId: 'mini', count: 1, followUps: 0 } }),
      out,
    );
    await coach.handle(eventFor(ann, place, { type: 'answer-submit', text: 'I code R07.9.' }), out);
    const claimsBefore = sample(await scrape(metrics), 'starcoach_store_operation_duration_seconds', {
      operation: 'claim',
    });
    // Any eight calls in a row hold exactly one that is timed: eight that succeed, then eight that fail.
    for (let job = 0; job < storeSampleEvery; job += 1)
      expect(await store.claim(`job-${job}`, 1000)).toBe(true);
    await store.close();
    // A closed database refuses: the failed round trip is timed all the same.
    for (let job = 0; job < storeSampleEvery; job += 1)
      await expect(store.claim(`late-${job}`, 1000)).rejects.toThrow();
    const families = await scrape(metrics);
    expect(families.get('starcoach_store_operation_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(
      sample(families, 'starcoach_store_operation_duration_seconds', { operation: 'read' }),
    ).toBeGreaterThan(0);
    expect(sample(families, 'starcoach_store_operation_duration_seconds', { operation: 'claim' })).toBe(
      (Number.isNaN(claimsBefore) ? 0 : claimsBefore) + 2,
    );
  });
});
