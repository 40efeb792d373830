import { describe, expect, it } from 'vitest';
import type { SummaryRequest } from '../../src/feedback/llm/create-llm-feedback-model.ts';
import { createMemoryUsageLedger } from '../../src/feedback/usage-ledger.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import type { FakeOpenAIServer } from '../fakes/openai-server.ts';
import { chestPain, llmGrade, makeModel, request, useFakeOpenAI } from './harness.ts';

let fake: FakeOpenAIServer;

useFakeOpenAI(
  (started) => {
    fake = started;
  },
  (server) =>
    server.setDefault({ content: llmGrade(), usage: { prompt_tokens: 900, completion_tokens: 100 } }),
);

const answer = chestPain.sampleAnswer;

describe('daily token budget', () => {
  it('after the budget is spent, grades offline with budget-exhausted and sends nothing', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 23, 59, 0));
    const { model, options } = makeModel(fake, { dailyTokenBudget: 1_500, clock });
    const first = await model.grade(request(chestPain, answer));
    expect(first.source).toBe('llm');
    expect(await options.usage.spent('slack:T1:U1', '2026-11-23')).toBe(1_000);
    const second = await model.grade(request(chestPain, answer));
    expect(second.source).toBe('llm');
    expect(fake.requests).toHaveLength(2);

    const third = await model.grade(request(chestPain, answer));
    expect(third).toMatchObject({ source: 'offline', usage: null, fallback: 'budget-exhausted' });
    expect(fake.requests).toHaveLength(2);

    // Another user has their own budget.
    const other = await model.grade(request(chestPain, answer, { userKey: 'slack:T1:U2' }));
    expect(other.source).toBe('llm');
    expect(fake.requests).toHaveLength(3);

    // A new UTC day starts a new budget.
    clock.advance(60_000);
    const nextDay = await model.grade(request(chestPain, answer));
    expect(nextDay.source).toBe('llm');
    expect(await options.usage.spent('slack:T1:U1', '2026-11-24')).toBe(1_000);
  });

  it('null means unlimited', async () => {
    const usage = createMemoryUsageLedger();
    await usage.add('slack:T1:U1', '2026-11-23', 10_000_000);
    const { model } = makeModel(fake, { dailyTokenBudget: null, usage });
    expect((await model.grade(request(chestPain, answer))).source).toBe('llm');
  });

  it('a ledger that cannot be read skips the LLM rather than spend unchecked', async () => {
    const usage = {
      spent: async () => {
        throw new Error('store down');
      },
      add: async () => {},
    };
    const { model } = makeModel(fake, { dailyTokenBudget: 1_000, usage });
    const outcome = await model.grade(request(chestPain, answer));
    expect(outcome).toMatchObject({ source: 'offline', fallback: 'llm-failed' });
    expect(fake.requests).toHaveLength(0);
  });
});

const summaryRequest: SummaryRequest = {
  packTitle: 'Medical Coder',
  userKey: 'slack:T1:U1',
  results: [
    {
      questionText: chestPain.text,
      kind: 'technical',
      competencies: ['documentation', 'queries'],
      score: 4,
      missingPoints: ["Don't code a more specific diagnosis than documented"],
      redFlags: [],
      starGaps: [],
    },
    {
      questionText: 'Tell me about a time you caught a coding error before it caused a problem.',
      kind: 'behavioral',
      competencies: ['quality'],
      score: 2,
      missingPoints: ['Prevents it from happening again'],
      redFlags: ['Blames others'],
      starGaps: ['result'],
    },
  ],
  offline: {
    strengths: ['Documentation'],
    workOn: ['Result', 'Blames others'],
    nextPractice: 'Practice behavioral.',
  },
};

describe('summarize', () => {
  it('returns the model summary: strengths, at most two areas, one plan', async () => {
    fake.enqueue({
      content: {
        strengths: ['Coding only what is documented', ' '],
        workOn: [
          'Close stories with a measurable result',
          'Own the error instead of blaming',
          'A third area',
        ],
        nextPractice: 'Next time, answer two behavioral questions and end each with a number.',
      },
      usage: { prompt_tokens: 300, completion_tokens: 60 },
    });
    const { model, options } = makeModel(fake);
    const outcome = await model.summarize(summaryRequest);
    expect(outcome).toEqual({
      strengths: ['Coding only what is documented'],
      workOn: ['Close stories with a measurable result', 'Own the error instead of blaming'],
      nextPractice: 'Next time, answer two behavioral questions and end each with a number.',
      source: 'llm',
      usage: { promptTokens: 300, completionTokens: 60 },
    });
    const body = fake.requests[0]!.body;
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.name).toBe('summary');
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.messages[0].content).toContain('Medical Coder');
    expect(body.messages[1].content).toContain('score: 2');
    expect(body.messages[1].content).toContain('STAR gaps: result');
    expect(fake.requests[0]!.raw).not.toContain('slack:T1:U1');
    expect(await options.usage.spent('slack:T1:U1', '2026-11-23')).toBe(360);
  });

  it('falls back to the offline summary on failure', async () => {
    fake.setDefault({ status: 500 });
    const { model } = makeModel(fake, { timeoutMs: 200 });
    const outcome = await model.summarize(summaryRequest);
    expect(outcome).toEqual({ ...summaryRequest.offline, source: 'offline', usage: null });
  });

  it('falls back to the offline summary when the budget is spent', async () => {
    const usage = createMemoryUsageLedger();
    await usage.add('slack:T1:U1', '2026-11-23', 5_000);
    const { model } = makeModel(fake, { dailyTokenBudget: 5_000, usage });
    const outcome = await model.summarize(summaryRequest);
    expect(outcome.source).toBe('offline');
    expect(fake.requests).toHaveLength(0);
  });
});
