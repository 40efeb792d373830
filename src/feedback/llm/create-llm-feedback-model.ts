/**
 * The LLM feedback model: grades through an OpenAI-compatible Chat Completions API with structured
 * output, behind the same `FeedbackModel` port as the offline grader, which it falls back to.
 *
 * One grade = the offline grader (always, for its guards: < 2 ms) + one LLM call (retried within
 * bounds, see `retry.ts`) + normalisation against the pack (see `normalise-grade.ts`). `grade` and
 * `summarize` never throw: any failure returns the fallback's answer.
 */
import OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { type AutoParseableResponseFormat, makeParseableResponseFormat } from 'openai/lib/parser';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type {
  FeedbackModel,
  GradeListener,
  GradeOutcome,
  GradeRequest,
  SummaryOutcome,
  SummaryRequest,
} from '../../core/feedback-model.ts';
import type { Logger } from '../../core/logger.ts';
import type { Clock } from '../../core/ports.ts';
import { gradeAnswer } from '../grade-answer.ts';
import type { UsageLedger } from '../usage-ledger.ts';
import { type LlmGrade, LlmGradeSchema, type LlmSummary, LlmSummarySchema } from './llm-schemas.ts';
import { normaliseGrade } from './normalise-grade.ts';
import {
  gradeSystemMessage,
  gradeUserMessage,
  loadPrompts,
  prepareAnswer,
  summarySystemMessage,
  summaryUserMessage,
} from './prompts.ts';
import {
  type AttemptContext,
  EmptyContentError,
  type FailureInfo,
  RefusalError,
  withRetries,
} from './retry.ts';

/**
 * The model used when none is configured: OpenAI's small, cheap model with strict structured outputs
 * (json_schema) and streaming. Any OpenAI-compatible server and model that support `json_schema`
 * response formats work (set STARCOACH_MODEL / OPENAI_BASE_URL).
 */
export const defaultModel = 'gpt-4o-mini';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_MAX_ATTEMPTS = 3;
/** Room for the grade JSON (evidence quotes, feedback, follow-up); a hit is `finish_reason: 'length'`. */
const GRADE_MAX_COMPLETION_TOKENS = 900;
const SUMMARY_MAX_COMPLETION_TOKENS = 400;
/** Low temperature for steadier grades; reasoning models (o-series, gpt-5) reject the parameter. */
const TEMPERATURE = 0.2;
const MAX_SUMMARY_ITEMS = 3;
const MAX_WORK_ON = 2;

export interface LlmFeedbackOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Per attempt; the whole grade never takes much past 3× this (see `retry.ts`). */
  timeoutMs: number;
  /** Prompt + completion tokens per user per UTC day; null = unlimited. */
  dailyTokenBudget: number | null;
  usage: UsageLedger;
  fallback: FeedbackModel;
  clock: Clock;
  logger: Logger;
  /** Default 3. */
  maxAttempts?: number;
}

export type { SummaryOutcome, SummaryRequest };

export type LlmFeedbackModel = FeedbackModel & {
  summarize(request: SummaryRequest): Promise<SummaryOutcome>;
};

type Usage = { promptTokens: number; completionTokens: number };
type ParseOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The zod response format with a parser that reports instead of throwing. The stream helper parses
 * the content as soon as `finish_reason` arrives, before the usage chunk; a throw there (invalid or
 * schema-invalid JSON) would lose the usage of a call we pay for. The zod check itself is unchanged.
 */
function reportingFormat<T>(
  format: AutoParseableResponseFormat<T>,
): AutoParseableResponseFormat<ParseOutcome<T>> {
  return makeParseableResponseFormat(format, (content): ParseOutcome<T> => {
    try {
      return { ok: true, value: format.$parseRaw(content) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

/** The JSON Schema sent, without its `$schema` line: the API does not need it and it costs tokens. */
function compact<T>(format: AutoParseableResponseFormat<T>): AutoParseableResponseFormat<T> {
  const schema = format.json_schema.schema as Record<string, unknown> | undefined;
  if (schema) delete schema.$schema;
  return format;
}

const gradeFormat = reportingFormat(compact(zodResponseFormat(LlmGradeSchema, 'grade')));
const summaryFormat = reportingFormat(compact(zodResponseFormat(LlmSummarySchema, 'summary')));

/** The content of the first choice, parsed; throws the reason it cannot be used (classified for retries). */
function readChoice<T>(
  completion: ChatCompletion,
  parsed: ParseOutcome<T> | null | undefined,
  format: AutoParseableResponseFormat<ParseOutcome<T>>,
): T {
  const choice = completion.choices[0];
  if (!choice) throw new EmptyContentError('no choice');
  if (choice.message.refusal) throw new RefusalError('refused');
  if (choice.finish_reason === 'length') throw new LengthFinishReasonError();
  if (choice.finish_reason === 'content_filter') throw new ContentFilterFinishReasonError();
  const content = choice.message.content;
  if (!content) throw new EmptyContentError('no content');
  const outcome = parsed ?? format.$parseRaw(content);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function supportsTemperature(model: string): boolean {
  return !/^(?:o\d|gpt-5)/i.test(model);
}

function cleanList(items: readonly string[], max: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const text = item.replace(/\s+/g, ' ').trim();
    if (text.length === 0 || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out.slice(0, max);
}

export function createLlmFeedbackModel(options: LlmFeedbackOptions): LlmFeedbackModel {
  const prompts = loadPrompts();
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs));
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? DEFAULT_BASE_URL,
    timeout: timeoutMs,
    maxRetries: 0,
  });
  const policy = {
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    timeoutMs,
    clock: options.clock,
  };
  const sampling = supportsTemperature(options.model) ? { temperature: TEMPERATURE } : {};
  const { logger } = options;

  /** 'unknown' when the ledger could not be read: the LLM is skipped rather than spend unchecked. */
  async function budgetState(userKey: string, day: string): Promise<'ok' | 'exhausted' | 'unknown'> {
    const budget = options.dailyTokenBudget;
    if (budget === null) return 'ok';
    try {
      return (await options.usage.spent(userKey, day)) >= budget ? 'exhausted' : 'ok';
    } catch (error) {
      logger.warn('llm.usage-ledger-failed', {
        errorClass: (error as Error)?.constructor?.name ?? 'unknown',
      });
      return 'unknown';
    }
  }

  /** Adds one call's tokens to the running total and to the user's ledger for the day. */
  async function record(
    userKey: string,
    day: string,
    total: Usage,
    usage: CompletionUsage | null | undefined,
  ) {
    if (!usage) return;
    const promptTokens = usage.prompt_tokens ?? 0;
    const completionTokens = usage.completion_tokens ?? 0;
    total.promptTokens += promptTokens;
    total.completionTokens += completionTokens;
    try {
      await options.usage.add(userKey, day, promptTokens + completionTokens);
    } catch (error) {
      logger.warn('llm.usage-ledger-failed', {
        errorClass: (error as Error)?.constructor?.name ?? 'unknown',
      });
    }
  }

  function logFailure(operation: string, attempts: number, failures: readonly FailureInfo[]) {
    const last = failures.at(-1);
    logger.warn('llm.failed', {
      operation,
      attempts,
      failures: failures.map((f) => f.code),
      errorClass: last?.errorClass ?? null,
      status: last?.status ?? null,
    });
  }

  /** One call, streamed when someone listens for the feedback text. Records usage even when it fails. */
  async function callOnce<T>(
    body: Omit<ChatCompletionCreateParamsNonStreaming, 'stream'> & {
      response_format: AutoParseableResponseFormat<ParseOutcome<T>>;
    },
    context: AttemptContext,
    onUsage: (usage: CompletionUsage | null | undefined) => Promise<void>,
    onFeedbackText?: (text: string) => void,
  ): Promise<T> {
    const requestOptions = { signal: context.signal, timeout: context.timeoutMs, maxRetries: 0 };
    if (!onFeedbackText) {
      const completion = await client.chat.completions.create({ ...body, stream: false }, requestOptions);
      await onUsage(completion.usage);
      return readChoice(completion, null, body.response_format);
    }
    let usage: CompletionUsage | null = null;
    try {
      const stream = client.chat.completions.stream(
        { ...body, stream_options: { include_usage: true } },
        requestOptions,
      );
      stream.on('chunk', (chunk) => {
        if (chunk.usage) usage = chunk.usage;
      });
      let shown = 0;
      stream.on('content.delta', ({ parsed }) => {
        // `parsed` is the helper's partial object here (not yet zod-checked), whatever its static type.
        const text = (parsed as { feedback?: unknown } | null)?.feedback;
        if (typeof text !== 'string' || text.length <= shown) return;
        shown = text.length;
        try {
          onFeedbackText(text);
        } catch {
          // A failing listener must not fail the grade.
        }
      });
      const completion = await stream.finalChatCompletion();
      return readChoice(completion, completion.choices[0]?.message.parsed, body.response_format);
    } finally {
      await onUsage(usage);
    }
  }

  async function fallbackOutcome(
    request: GradeRequest,
    listener: GradeListener | undefined,
    reason: 'llm-failed' | 'budget-exhausted' | null,
    offline: GradeOutcome['result'] | null,
  ): Promise<GradeOutcome> {
    try {
      const outcome = await options.fallback.grade(request, listener);
      return { ...outcome, source: 'offline', fallback: reason };
    } catch (error) {
      logger.error('llm.fallback-failed', { errorClass: (error as Error)?.constructor?.name ?? 'unknown' });
      const result =
        offline ??
        gradeAnswer({ question: request.question, answer: request.answer, previous: request.previous });
      return { result, source: 'offline', usage: null, fallback: reason };
    }
  }

  async function gradeWithLlm(request: GradeRequest, listener?: GradeListener): Promise<GradeOutcome> {
    const day = utcDay(options.clock.now());
    // Defence in depth: the core redacts first; tags that could close the data block are defused.
    const previous = request.previous.map(prepareAnswer);
    const answer = prepareAnswer(request.answer);
    const parts = [...previous, answer].filter((part) => part.length > 0);
    // Nothing to grade: no call; the offline grader says so (not a fallback).
    if (parts.length === 0) return fallbackOutcome(request, listener, null, null);

    const budget = await budgetState(request.userKey, day);
    if (budget !== 'ok') {
      return fallbackOutcome(
        request,
        listener,
        budget === 'exhausted' ? 'budget-exhausted' : 'llm-failed',
        null,
      );
    }

    // The offline grade of the same text (about 0.5 ms): its guards bound the LLM's score.
    const offline = gradeAnswer({ question: request.question, answer, previous });
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: gradeSystemMessage(prompts, request.question, request.followUpsAsked) },
      { role: 'user', content: gradeUserMessage(parts) },
    ];
    const total: Usage = { promptTokens: 0, completionTokens: 0 };
    const onText = listener?.onFeedbackText?.bind(listener);
    const run = await withRetries(policy, (context) =>
      callOnce<LlmGrade>(
        {
          model: options.model,
          messages,
          response_format: gradeFormat,
          max_completion_tokens: GRADE_MAX_COMPLETION_TOKENS,
          ...sampling,
        },
        context,
        (usage) => record(request.userKey, day, total, usage),
        onText,
      ),
    );
    if (!run.ok) {
      logFailure('grade', run.attempts, run.failures);
      return fallbackOutcome(request, listener, 'llm-failed', offline);
    }
    const result = normaliseGrade({
      question: request.question,
      answerText: parts.join('\n\n'),
      llm: run.value,
      offline,
      followUpsAsked: request.followUpsAsked,
    });
    return { result, source: 'llm', usage: { ...total }, fallback: null };
  }

  async function summarizeWithLlm(request: SummaryRequest): Promise<SummaryOutcome> {
    const offline: SummaryOutcome = { ...request.offline, source: 'offline', usage: null };
    if (request.results.length === 0) return offline;
    const day = utcDay(options.clock.now());
    if ((await budgetState(request.userKey, day)) !== 'ok') return offline;

    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: summarySystemMessage(prompts, request.packTitle) },
      { role: 'user', content: summaryUserMessage(request.results) },
    ];
    const total: Usage = { promptTokens: 0, completionTokens: 0 };
    // The member waits for the summary right after the last answer, whose grade may already have
    // used its own deadline: the summary gets one timeout in all, then the offline summary stands.
    const run = await withRetries({ ...policy, deadlineMs: timeoutMs }, (context) =>
      callOnce<LlmSummary>(
        {
          model: options.model,
          messages,
          response_format: summaryFormat,
          max_completion_tokens: SUMMARY_MAX_COMPLETION_TOKENS,
          ...sampling,
        },
        context,
        (usage) => record(request.userKey, day, total, usage),
      ),
    );
    if (!run.ok) {
      logFailure('summary', run.attempts, run.failures);
      return offline;
    }
    const nextPractice = run.value.nextPractice.replace(/\s+/g, ' ').trim();
    return {
      strengths: cleanList(run.value.strengths, MAX_SUMMARY_ITEMS),
      workOn: cleanList(run.value.workOn, MAX_WORK_ON),
      nextPractice: nextPractice.length > 0 ? nextPractice : request.offline.nextPractice,
      source: 'llm',
      usage: { ...total },
    };
  }

  return {
    async grade(request, listener) {
      try {
        return await gradeWithLlm(request, listener);
      } catch (error) {
        // A bug of ours (normalisation, prompt rendering): still answer, offline.
        logger.error('llm.grade-failed', { errorClass: (error as Error)?.constructor?.name ?? 'unknown' });
        return fallbackOutcome(request, listener, 'llm-failed', null);
      }
    },
    async summarize(request) {
      try {
        return await summarizeWithLlm(request);
      } catch (error) {
        logger.error('llm.summary-failed', { errorClass: (error as Error)?.constructor?.name ?? 'unknown' });
        return { ...request.offline, source: 'offline', usage: null };
      }
    },
  };
}
