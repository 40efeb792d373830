/**
 * Bounded retries for one LLM operation. The openai client's own retries are off (`maxRetries: 0`)
 * so that the total is ours to bound:
 *
 * - at most `maxAttempts` attempts;
 * - an overall deadline (3 × timeoutMs from the start unless the policy sets `deadlineMs`): each
 *   attempt gets min(timeoutMs, time left),
 *   enforced with an AbortController that also covers reading a streamed body; no attempt starts
 *   with less than a quarter of timeoutMs left, and no backoff sleeps past that point;
 * - backoff: exponential (base = timeoutMs / 8, clamped to 25–1,000 ms, doubling per retry, capped
 *   at 8 s) with equal jitter (50–100% of the step); a 429 or 503 with `retry-after-ms` / `retry-after`
 *   waits what the server asked, capped at 20 s and by the deadline (if the wait does not fit, stop);
 * - retried: timeouts, connection errors, 408, 409, 429, 5xx, invalid JSON, schema-invalid JSON,
 *   `finish_reason: 'length'`, refusals and broken streams; not retried: other 4xx (400, 401, 403,
 *   404, 422…), content-filter stops and unexpected errors (bugs).
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  OpenAIError,
} from 'openai/core/error';
import { ZodError } from 'zod';
import { monotonicClock, systemClock } from '../../core/clock.ts';
import type { Clock } from '../../core/ports.ts';

export const DEADLINE_FACTOR = 3;
const MAX_RETRY_AFTER_MS = 20_000;
const MAX_BACKOFF_MS = 8_000;

/** The model declined to answer (`message.refusal`). */
export class RefusalError extends Error {
  override readonly name = 'RefusalError';
}

/** The model stopped without content (no JSON to parse). */
export class EmptyContentError extends Error {
  override readonly name = 'EmptyContentError';
}

/** Our own per-attempt timer fired. */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AttemptTimeoutError';
}

export interface FailureInfo {
  /** A stable code for logs: `timeout`, `connection`, `http-429`, `invalid-json`, … */
  code: string;
  /** The error's class name, for logs (never its message: it may echo a request). */
  errorClass: string;
  status: number | null;
  retry: boolean;
  /** What the server asked us to wait, in ms, when it said. */
  retryAfterMs: number | null;
}

function retryAfterMs(headers: Headers | undefined, clock: Clock): number | null {
  if (!headers) return null;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - clock.now());
}

/** `clock` is what a `retry-after` HTTP date is measured against. */
export function classifyFailure(error: unknown, clock: Clock = systemClock): FailureInfo {
  const errorClass = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const info = (code: string, retry: boolean, status: number | null = null, after: number | null = null) => ({
    code,
    errorClass,
    status,
    retry,
    retryAfterMs: after,
  });
  if (error instanceof AttemptTimeoutError || error instanceof APIConnectionTimeoutError) {
    return info('timeout', true);
  }
  if (error instanceof APIUserAbortError) return info('aborted', false);
  if (error instanceof APIConnectionError) return info('connection', true);
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : null;
    const retry = status !== null && (status === 408 || status === 409 || status === 429 || status >= 500);
    return info(
      status === null ? 'http' : `http-${status}`,
      retry,
      status,
      retryAfterMs(error.headers, clock),
    );
  }
  if (error instanceof SyntaxError) return info('invalid-json', true);
  if (error instanceof ZodError) return info('schema-invalid', true);
  if (error instanceof LengthFinishReasonError) return info('length', true);
  if (error instanceof ContentFilterFinishReasonError) return info('content-filter', false);
  if (error instanceof RefusalError) return info('refusal', true);
  if (error instanceof EmptyContentError) return info('empty', true);
  if (error instanceof OpenAIError) return info('stream', true);
  return info('unexpected', false);
}

export interface AttemptContext {
  attempt: number;
  signal: AbortSignal;
  /** The time this attempt may take, in ms. */
  timeoutMs: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  timeoutMs: number;
  /** The whole operation's time, retries and waits included; defaults to DEADLINE_FACTOR × timeoutMs. */
  deadlineMs?: number;
  /** For tests of the policy itself; defaults to Math.random. */
  random?: () => number;
  /** The caller's clock, for a `retry-after` given as a date; defaults to the system clock. */
  clock?: Clock;
}

export type RetryResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; failures: FailureInfo[]; attempts: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function backoffMs(retry: number, timeoutMs: number, random: () => number): number {
  const base = Math.min(1_000, Math.max(25, timeoutMs / 8));
  const step = Math.min(MAX_BACKOFF_MS, base * 2 ** (retry - 1));
  return step * (0.5 + random() * 0.5);
}

/** Runs `attempt` until it succeeds, fails for good, runs out of attempts or reaches the deadline. */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (context: AttemptContext) => Promise<T>,
): Promise<RetryResult<T>> {
  const random = policy.random ?? Math.random;
  // The deadline races real timers around network calls: monotonic time, not the injected clock.
  const started = monotonicClock.now();
  const deadline = started + (policy.deadlineMs ?? DEADLINE_FACTOR * policy.timeoutMs);
  const minAttemptMs = policy.timeoutMs / 4;
  const failures: FailureInfo[] = [];
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));

  for (let n = 1; n <= maxAttempts; n++) {
    const left = deadline - monotonicClock.now();
    if (n > 1 && left < minAttemptMs) break;
    // The client rejects a fractional timeout ("timeout must be an integer").
    const timeoutMs = Math.max(1, Math.floor(Math.min(policy.timeoutMs, left)));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeoutError()), timeoutMs);
    let caught: unknown;
    try {
      const value = await attempt({ attempt: n, signal: controller.signal, timeoutMs });
      return { ok: true, value, attempts: n };
    } catch (error) {
      caught = error;
    } finally {
      clearTimeout(timer);
    }
    // An abort by our timer surfaces as the client's APIUserAbortError: report it as a timeout.
    const failure = classifyFailure(
      controller.signal.aborted ? new AttemptTimeoutError() : caught,
      policy.clock ?? systemClock,
    );
    failures.push(failure);
    if (!failure.retry || n === maxAttempts) return { ok: false, failures, attempts: n };
    const wait =
      failure.retryAfterMs !== null
        ? Math.min(failure.retryAfterMs, MAX_RETRY_AFTER_MS)
        : backoffMs(n, policy.timeoutMs, random);
    if (monotonicClock.now() + wait > deadline - minAttemptMs) return { ok: false, failures, attempts: n };
    if (wait > 0) await sleep(wait);
  }
  return { ok: false, failures, attempts: failures.length };
}
