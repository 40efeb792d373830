import { describe, expect, it } from 'vitest';
import type { FeedbackModel } from '../../src/core/feedback-model.ts';
import { gradeAnswer } from '../../src/feedback/grade-answer.ts';
import { FakeOpenAIServer, type FakeReply } from '../fakes/openai-server.ts';
import { chestPain, llmGrade, makeModel, request, useFakeOpenAI } from './harness.ts';

let fake: FakeOpenAIServer;

useFakeOpenAI(
  (started) => {
    fake = started;
  },
  (server) => server.setDefault({ content: llmGrade() }),
);

const answer = chestPain.sampleAnswer;
const offline = gradeAnswer({ question: chestPain, answer });
const streaming = { onFeedbackText: () => {} };

describe('retries', () => {
  it('429 with retry-after 0, then success: the LLM grade', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '0' } });
    const { model } = makeModel(fake);
    const outcome = await model.grade(request(chestPain, answer));
    expect(outcome.source).toBe('llm');
    expect(outcome.fallback).toBeNull();
    expect(fake.requests).toHaveLength(2);
  });

  it('honours retry-after-ms too, and retries 503 while streaming', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after-ms': '1' } }, { status: 503 });
    const { model } = makeModel(fake);
    const outcome = await model.grade(request(chestPain, answer), streaming);
    expect(outcome.source).toBe('llm');
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up at once on a 429 that asks for a wait past the deadline', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '30' } });
    const { model } = makeModel(fake);
    const outcome = await model.grade(request(chestPain, answer));
    expect(outcome.fallback).toBe('llm-failed');
    expect(fake.requests).toHaveLength(1);
  });

  it('an invalid reply then a good one: the LLM grade, with the tokens of both calls', async () => {
    fake.enqueue({ content: '{"score": 4, "feedb', usage: { prompt_tokens: 100, completion_tokens: 10 } });
    fake.setDefault({ content: llmGrade(), usage: { prompt_tokens: 100, completion_tokens: 50 } });
    const { model, options } = makeModel(fake);
    const outcome = await model.grade(request(chestPain, answer));
    expect(outcome.source).toBe('llm');
    expect(outcome.usage).toEqual({ promptTokens: 200, completionTokens: 60 });
    expect(await options.usage.spent('slack:T1:U1', '2026-11-23')).toBe(260);
  });
});

describe('falls back to the offline grader', () => {
  const cases: Array<[string, FakeReply, number, string]> = [
    ['500 every time', { status: 500 }, 3, 'http-500'],
    [
      'a timeout (the fake answers after 1 s, timeoutMs is 200)',
      { delayMs: 1_000, content: llmGrade() },
      0,
      'timeout',
    ],
    ['invalid JSON', { content: '{"evidence": [}' }, 3, 'invalid-json'],
    ['schema-invalid JSON', { content: { score: 'five', feedback: 42 } }, 3, 'schema-invalid'],
    ['a refusal', { refusal: "I can't help with that." }, 3, 'refusal'],
    ['finish_reason length', { content: '{"evidence": [', finishReason: 'length' }, 3, 'length'],
    ['a cut connection', { destroy: true }, 3, 'connection'],
  ];

  for (const [name, reply, expectedRequests, code] of cases) {
    for (const mode of ['json', 'stream'] as const) {
      it(`${name} (${mode})`, async () => {
        fake.setDefault(reply);
        const { model, logger } = makeModel(fake, { timeoutMs: 200 });
        const outcome = await model.grade(
          request(chestPain, answer),
          mode === 'stream' ? streaming : undefined,
        );
        expect(outcome).toEqual({ result: offline, source: 'offline', usage: null, fallback: 'llm-failed' });
        if (expectedRequests > 0) expect(fake.requests).toHaveLength(expectedRequests);
        else {
          expect(fake.requests.length).toBeGreaterThanOrEqual(1);
          expect(fake.requests.length).toBeLessThanOrEqual(3);
        }
        const warn = logger.lines.find((line) => line.event === 'llm.failed');
        expect(warn?.level).toBe('warn');
        expect(warn?.fields.operation).toBe('grade');
        expect(new Set(warn?.fields.failures as string[])).toEqual(new Set([code]));
        const logged = JSON.stringify(logger.lines);
        expect(logged).not.toContain('sk-test');
        expect(logged).not.toContain('R07.9');
      });
    }
  }

  it('reports the failure codes and status, not messages', async () => {
    fake.setDefault({ status: 500 });
    const { model, logger } = makeModel(fake);
    await model.grade(request(chestPain, answer));
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        event: 'llm.failed',
        fields: {
          operation: 'grade',
          attempts: 3,
          failures: ['http-500', 'http-500', 'http-500'],
          errorClass: 'InternalServerError',
          status: 500,
        },
      },
    ]);
  });

  it('a timeout reports as timeout', async () => {
    fake.setDefault({ delayMs: 1_000, content: llmGrade() });
    const { model, logger } = makeModel(fake, { timeoutMs: 150, maxAttempts: 1 });
    await model.grade(request(chestPain, answer), streaming);
    expect(logger.lines[0]?.fields.failures).toEqual(['timeout']);
  });

  it('a stream that stalls mid-body times out (the client timeout covers only the headers)', async () => {
    const content = JSON.stringify(llmGrade({ feedback: 'A long feedback text that streams for a while.' }));
    // Stall in the middle of the feedback text (12 characters per delta).
    const stallAfterChunks = Math.ceil((content.indexOf('"feedback":"') + 30) / 12);
    fake.setDefault({ content, stallAfterChunks });
    const { model, logger } = makeModel(fake, { timeoutMs: 150 });
    const texts: string[] = [];
    const outcome = await model.grade(request(chestPain, answer), {
      onFeedbackText: (text) => texts.push(text),
    });
    expect(outcome).toEqual({ result: offline, source: 'offline', usage: null, fallback: 'llm-failed' });
    expect(new Set(logger.lines[0]?.fields.failures as string[])).toEqual(new Set(['timeout']));
    expect(texts.length).toBeGreaterThan(0);
  });

  it.each([400, 401, 403, 404])('does not retry a %s', async (status) => {
    fake.setDefault({ status });
    const { model } = makeModel(fake);
    const outcome = await model.grade(request(chestPain, answer));
    expect(outcome.fallback).toBe('llm-failed');
    expect(fake.requests).toHaveLength(1);
  });

  it('respects maxAttempts', async () => {
    fake.setDefault({ status: 502 });
    const { model } = makeModel(fake, { maxAttempts: 2 });
    await model.grade(request(chestPain, answer));
    expect(fake.requests).toHaveLength(2);
  });

  it('counts the tokens of failed attempts that reported usage', async () => {
    fake.setDefault({ content: { score: 3 }, usage: { prompt_tokens: 100, completion_tokens: 5 } });
    const { model, options } = makeModel(fake);
    await model.grade(request(chestPain, answer), streaming);
    expect(fake.requests).toHaveLength(3);
    expect(await options.usage.spent('slack:T1:U1', '2026-11-23')).toBe(315);
  });

  it('never throws, even when the fallback model does', async () => {
    fake.setDefault({ status: 500 });
    const broken: FeedbackModel = {
      grade: async () => {
        throw new Error('broken fallback');
      },
    };
    const { model } = makeModel(fake, { fallback: broken, maxAttempts: 1 });
    const outcome = await model.grade(request(chestPain, answer));
    expect(outcome).toEqual({ result: offline, source: 'offline', usage: null, fallback: 'llm-failed' });
  });

  it('never throws when the server is unreachable', async () => {
    const gone = await FakeOpenAIServer.start();
    const { model } = makeModel(gone, { maxAttempts: 2 });
    await gone.close();
    const outcome = await model.grade(request(chestPain, answer));
    expect(outcome.fallback).toBe('llm-failed');
  });
});
