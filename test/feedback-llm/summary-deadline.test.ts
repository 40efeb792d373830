import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { SummaryRequest } from '../../src/feedback/llm/create-llm-feedback-model.ts';
import type { FakeOpenAIServer } from '../fakes/openai-server.ts';
import { chestPain, makeModel, useFakeOpenAI } from './harness.ts';

/**
 * The member waits for the session summary right after the last answer. With an endpoint that hangs,
 * the offline summary must come within one LLM timeout, retries included, not after the three a grade
 * may take. Bounds are generous (1.8×) so a loaded machine does not fail them; three timeouts would.
 */
const timeoutMs = 1000;
let fake: FakeOpenAIServer;

useFakeOpenAI((started) => {
  fake = started;
});

const summaryRequest: SummaryRequest = {
  packTitle: 'Medical Coder',
  userKey: 'slack:T1:U1',
  results: [
    {
      questionText: chestPain.text,
      kind: 'technical',
      competencies: ['documentation'],
      score: 3,
      missingPoints: [],
      redFlags: [],
      starGaps: [],
    },
  ],
  offline: { strengths: ['Documentation'], workOn: ['Result'], nextPractice: 'Practise again tomorrow.' },
};

async function timedSummary() {
  const { model } = makeModel(fake, { timeoutMs });
  const started = performance.now();
  const outcome = await model.summarize(summaryRequest);
  return { outcome, ms: performance.now() - started };
}

describe('the summary with an LLM endpoint that does not answer', () => {
  it('falls back to the offline summary within one timeout', async () => {
    fake.setDefault({ delayMs: 30_000, content: { strengths: [], workOn: [], nextPractice: 'late' } });
    const { outcome, ms } = await timedSummary();
    expect(outcome).toEqual({ ...summaryRequest.offline, source: 'offline', usage: null });
    expect(ms).toBeGreaterThanOrEqual(timeoutMs * 0.9);
    expect(ms).toBeLessThan(timeoutMs * 1.8);
    // The one attempt used the whole timeout: no time was left for a retry.
    expect(fake.requests).toHaveLength(1);
  });

  it('still retries a quick failure, within the same timeout', async () => {
    fake.enqueue({ status: 503 });
    fake.setDefault({ delayMs: 30_000, content: { strengths: [], workOn: [], nextPractice: 'late' } });
    const { outcome, ms } = await timedSummary();
    expect(outcome.source).toBe('offline');
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    expect(ms).toBeLessThan(timeoutMs * 1.8);
  });
});
