/**
 * LLM feedback engine figures, against the local fake OpenAI server (it answers at once):
 * - llm.prompt_tokens: median prompt size per grading call for the medical-coding pack (each question's
 *   sample answer as the answer), estimated as characters/4 of all messages plus the response format's
 *   JSON schema (no tokenizer is installed; see src/feedback/llm/estimate-tokens.ts). Target ≤ 1,200.
 * - llm.overhead_p99_ms: p99 of `grade()` wall time minus the fake's own synchronous work on the request
 *   (it runs on the same event loop), over 400 calls after warm-up: our code (offline guard grade,
 *   prompt, the openai client, normalisation) plus loopback HTTP. Target < 5 ms.
 * - llm.roundtrip_p99_ms: the same without taking the fake's work off, for comparison.
 * - llm.overhead_p50_ms, llm.overhead_stream_p99_ms (with a listener: the SSE streaming path): for
 *   information. The fake runs in this process, so its work (and any load on the machine) counts too.
 *
 * `node --import tsx -e "import('./bench/llm.ts').then(m => m.benchLlm((n,v,u)=>console.log(n+': '+v+' '+u)))"`
 */

import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { loadPackFile, loadPacks } from '../src/content/load-pack.ts';
import type { Question, QuestionPack } from '../src/content/pack-schema.ts';
import { systemClock } from '../src/core/clock.ts';
import type { GradeListener } from '../src/core/feedback-model.ts';
import { silentLogger } from '../src/core/logger.ts';
import { createLlmFeedbackModel, defaultModel } from '../src/feedback/llm/create-llm-feedback-model.ts';
import { estimatePromptTokens } from '../src/feedback/llm/estimate-tokens.ts';
import { type LlmGrade, LlmGradeSchema } from '../src/feedback/llm/llm-schemas.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { createMemoryUsageLedger } from '../src/feedback/usage-ledger.ts';
import { FakeOpenAIServer } from '../test/fakes/openai-server.ts';

const WARM_UP = 50;
const SAMPLES = 400;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function benchPack(): QuestionPack {
  try {
    const pack = loadPacks().get('medical-coding');
    if (pack) return pack;
  } catch {
    // A pack being edited may not parse: fall back to the test pack.
  }
  return loadPackFile(new URL('../test/fixtures/grader/test-pack.json', import.meta.url).pathname);
}

/** What a model might answer for the sample answer: every point covered, quoting its first sentence. */
function gradeFor(question: Question): LlmGrade {
  const first = question.sampleAnswer.split(/(?<=[.!?])\s+/)[0]!;
  return {
    evidence: [{ for: question.keyPoints[0]!.label, quote: first }],
    coveredPoints: question.keyPoints.map((kp) => kp.label),
    missingPoints: [],
    redFlags: [],
    star:
      question.kind === 'behavioral'
        ? { situation: 'present', task: 'present', action: 'present', result: 'present' }
        : null,
    score: 5,
    feedback:
      'You covered every point the interviewer listens for, in order. Next, tighten the opening sentence.',
    followUp: null,
  };
}

export async function benchLlm(print: (name: string, value: number, unit: string) => void): Promise<void> {
  const pack = benchPack();
  const byText = new Map(pack.questions.map((q) => [q.text, gradeFor(q)]));
  const fake = await FakeOpenAIServer.start();
  fake.setDefault((request) => {
    const system: string = request.body.messages[0].content;
    const line = system.split('\n').find((l) => l.startsWith('Question: '));
    return { content: byText.get(line?.slice('Question: '.length) ?? '') ?? gradeFor(pack.questions[0]!) };
  });
  const model = createLlmFeedbackModel({
    apiKey: 'sk-bench',
    baseURL: fake.baseURL,
    model: defaultModel,
    timeoutMs: 5_000,
    dailyTokenBudget: null,
    usage: createMemoryUsageLedger(),
    fallback: createOfflineFeedbackModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  const requestFor = (question: Question) => ({
    question,
    answer: question.sampleAnswer,
    previous: [],
    followUpsAsked: [],
    userKey: 'bench',
  });

  try {
    // Prompt size: one call per question.
    fake.reset();
    for (const question of pack.questions) {
      const outcome = await model.grade(requestFor(question));
      if (outcome.source !== 'llm') throw new Error(`bench grade fell back (${outcome.fallback})`);
    }
    const tokens = fake.requests.map((r) => estimatePromptTokens(r.body));
    print('llm.prompt_tokens', percentile(tokens, 50), 'tokens');

    // Each grade makes exactly one request here; the fake's own work on it runs on this event loop,
    // so it is taken off to leave the time in our code (the round trip is printed too).
    const time = async (listener?: GradeListener) => {
      const ours: number[] = [];
      const roundTrips: number[] = [];
      for (let i = 0; i < WARM_UP + SAMPLES; i++) {
        const question = pack.questions[i % pack.questions.length]!;
        fake.reset();
        const started = performance.now();
        await model.grade(requestFor(question), listener);
        const elapsed = performance.now() - started;
        if (fake.workMs.length !== 1) throw new Error('a bench grade made more than one request');
        if (i >= WARM_UP) {
          roundTrips.push(elapsed);
          ours.push(elapsed - fake.workMs[0]!);
        }
      }
      return { ours, roundTrips };
    };
    const plain = await time();
    print('llm.overhead_p50_ms', Number(percentile(plain.ours, 50).toFixed(3)), 'ms');
    print('llm.overhead_p99_ms', Number(percentile(plain.ours, 99).toFixed(3)), 'ms');
    print('llm.roundtrip_p99_ms', Number(percentile(plain.roundTrips, 99).toFixed(3)), 'ms');
    const streamed = await time({ onFeedbackText: () => {} });
    print('llm.overhead_stream_p99_ms', Number(percentile(streamed.ours, 99).toFixed(3)), 'ms');
    print('llm.client_floor_p99_ms', Number((await clientFloor(fake, pack)).toFixed(3)), 'ms');
  } finally {
    await fake.close();
  }
}

/**
 * The same fake called through the bare openai client with a prompt of the same size and no code of
 * ours: the floor under llm.overhead_p99_ms on this machine (loopback HTTP and the client itself).
 */
async function clientFloor(fake: FakeOpenAIServer, pack: QuestionPack): Promise<number> {
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL: fake.baseURL, maxRetries: 0, timeout: 5_000 });
  const format = zodResponseFormat(LlmGradeSchema, 'grade');
  const question = pack.questions[0]!;
  fake.setDefault({ content: gradeFor(question) });
  const system = 'x'.repeat(3_500);
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    fake.reset();
    const started = performance.now();
    await client.chat.completions.parse({
      model: defaultModel,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: question.sampleAnswer },
      ],
      response_format: format,
    });
    if (i >= WARM_UP) samples.push(performance.now() - started - (fake.workMs[0] ?? 0));
  }
  return percentile(samples, 99);
}
