import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Question, questionPackSchema } from '../../src/content/pack-schema.ts';
import type { GradeRequest } from '../../src/core/feedback-model.ts';
import type { Logger } from '../../src/core/logger.ts';
import {
  createLlmFeedbackModel,
  type LlmFeedbackOptions,
} from '../../src/feedback/llm/create-llm-feedback-model.ts';
import type { LlmGrade } from '../../src/feedback/llm/llm-schemas.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { createMemoryUsageLedger } from '../../src/feedback/usage-ledger.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { FakeOpenAIServer } from '../fakes/openai-server.ts';

export const pack = questionPackSchema.parse(
  JSON.parse(readFileSync(new URL('../fixtures/grader/test-pack.json', import.meta.url), 'utf8')),
);

export function question(id: string): Question {
  const found = pack.questions.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

export const chestPain = question('unspecified-chest-pain');
export const codingError = question('coding-error-caught');

export function request(q: Question, answer: string, extra: Partial<GradeRequest> = {}): GradeRequest {
  return { question: q, answer, previous: [], followUpsAsked: [], userKey: 'slack:T1:U1', ...extra };
}

/** A grade a model could return for the chest-pain question. */
export function llmGrade(extra: Partial<LlmGrade> = {}): LlmGrade {
  return {
    evidence: [
      { for: 'Code only what is documented: R07.9', quote: 'I would code exactly what is documented' },
      {
        for: 'Query the physician with a non-leading query',
        quote: 'I would send the physician a non-leading query',
      },
    ],
    coveredPoints: ['Code only what is documented: R07.9', 'Query the physician with a non-leading query'],
    missingPoints: ["Don't code a more specific diagnosis than documented"],
    redFlags: [],
    star: null,
    score: 4,
    feedback:
      'You coded what the note supports and planned a non-leading query. Next, say why you would not assume angina.',
    followUp: null,
    ...extra,
  };
}

export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; event: string; fields: Record<string, unknown> }> = [];
  warn(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'warn', event, fields });
  }
  error(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'error', event, fields });
  }
}

export function makeModel(fake: FakeOpenAIServer, overrides: Partial<LlmFeedbackOptions> = {}) {
  const options: LlmFeedbackOptions = {
    apiKey: 'sk-test-not-a-real-key',
    baseURL: fake.baseURL,
    model: 'gpt-4o-mini',
    timeoutMs: 300,
    dailyTokenBudget: null,
    usage: createMemoryUsageLedger(),
    fallback: createOfflineFeedbackModel(),
    clock: new ManualClock(),
    logger: new RecordingLogger(),
    ...overrides,
  };
  return { model: createLlmFeedbackModel(options), options, logger: options.logger as RecordingLogger };
}

export const strongChestPainAnswer = chestPain.sampleAnswer;

/** One grade before the tests, so JIT and connection set-up do not eat into the short test timeouts. */
export async function warmUp(fake: FakeOpenAIServer): Promise<void> {
  fake.enqueue({ content: llmGrade() });
  await makeModel(fake, { timeoutMs: 5_000 }).model.grade(request(chestPain, chestPain.sampleAnswer), {
    onFeedbackText: () => {},
  });
  fake.reset();
}

/**
 * The fake OpenAI server for one test file: started and warmed once, reset before each test (then
 * `eachTest` sets what it answers by default), closed at the end. `onStarted` keeps the instance.
 */
export function useFakeOpenAI(
  onStarted: (fake: FakeOpenAIServer) => void,
  eachTest?: (fake: FakeOpenAIServer) => void,
): void {
  let server: FakeOpenAIServer | undefined;
  beforeAll(async () => {
    server = await FakeOpenAIServer.start();
    onStarted(server);
    await warmUp(server);
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server?.reset();
    if (server) eachTest?.(server);
  });
}
