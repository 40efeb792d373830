import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import { loadPacks } from '../../src/content/load-pack.ts';
import { systemClock } from '../../src/core/clock.ts';
import { type Coach, createCoach } from '../../src/core/coach.ts';
import type { DashboardLinkSigner } from '../../src/core/dashboard-types.ts';
import type {
  FeedbackModel,
  GradeListener,
  GradeOutcome,
  GradeRequest,
} from '../../src/core/feedback-model.ts';
import type { GradeResult } from '../../src/core/grade-types.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { Clock } from '../../src/core/ports.ts';
import type { Transcriber } from '../../src/core/transcriber.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { FakeSlackServer, type SlackCall, SlackRequests } from '../fakes/slack-server.ts';

export const signingSecret = 'test-signing-secret';

export interface LogEntry {
  level: 'warn' | 'error';
  event: string;
  fields?: Record<string, unknown>;
}

export interface SlackHarness {
  fake: FakeSlackServer;
  requests: SlackRequests;
  adapter: SlackAdapter;
  coach: Coach;
  store: CoachStore;
  port: number;
  logs: LogEntry[];
  /** The logger the coach and the adapter write to (into `logs`), for a test's own scheduler. */
  logger: Logger;
  close(): Promise<void>;
}

export interface HarnessOptions {
  feedback?: FeedbackModel;
  /** The coach's and the store's clock (Slack's request signatures always use real time). */
  clock?: Clock;
  instructors?: string[];
  processBeforeResponse?: boolean;
  /** Signs `/coach dashboard` links; without it the dashboard is off. */
  dashboardLinks?: DashboardLinkSigner;
  /** Speech to text for voice answers; without it they are off. */
  transcriber?: Transcriber;
  maxAudioSeconds?: number;
  /** Many workspaces: no bot token, installs through OAuth against the fake (SLACK_CLIENT_ID mode). */
  oauth?: boolean;
}

let prefixes = 0;

/** The real coach on a memory store, the real Bolt app over HTTP, and a fake Slack for everything else. */
export async function openSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await FakeSlackServer.start();
  const clock = options.clock ?? systemClock;
  const store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock,
    prefix: `slack-${process.pid}-${++prefixes}`,
  });
  const logs: LogEntry[] = [];
  const logger: Logger = {
    warn: (event, fields) => logs.push({ level: 'warn', event, fields }),
    error: (event, fields) => logs.push({ level: 'error', event, fields }),
  };
  const coach = createCoach({
    store,
    packs: loadPacks(),
    feedback: options.feedback ?? createOfflineFeedbackModel(),
    clock,
    logger,
    random: () => 0,
    dashboardLinks: options.dashboardLinks,
    transcriber: options.transcriber ?? null,
    maxAudioSeconds: options.maxAudioSeconds,
  });
  const oauth = options.oauth
    ? {
        clientId: fake.oauth.client.id,
        clientSecret: fake.oauth.client.secret,
        stateSecret: 'test-state-secret-at-least-32-characters',
        installations: store.installations,
      }
    : null;
  const adapter = createSlackAdapter({
    coach,
    logger,
    ...(oauth ? { oauth } : { botToken: 'xoxb-test', botUserId: 'UBOT' }),
    signingSecret,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    instructors: options.instructors ?? [],
    processBeforeResponse: options.processBeforeResponse ?? true,
    clientRetries: 0,
  });
  const { port } = await adapter.start();
  const requests = new SlackRequests(`http://127.0.0.1:${port}/slack/events`, signingSecret);
  return {
    fake,
    requests,
    adapter,
    coach,
    store,
    port: port!,
    logs,
    logger,
    async close() {
      requests.close();
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

/** Everything a person would read in a recorded message: header, sections, fields and context. */
export function textOf(call: SlackCall | { body: Record<string, unknown> }): string {
  const blocks = (call.body.blocks ?? []) as Record<string, unknown>[];
  const parts: string[] = [];
  for (const block of blocks) {
    const text = block.text as { text?: string } | undefined;
    if (text?.text) parts.push(text.text);
    for (const field of (block.fields ?? []) as { text: string }[]) parts.push(field.text);
    for (const element of (block.elements ?? []) as { text?: unknown; action_id?: string }[]) {
      if (typeof element.text === 'string') parts.push(element.text);
      if (element.action_id) parts.push(`[${element.action_id}]`);
    }
  }
  return parts.join('\n');
}

export function buttonsOf(call: SlackCall | { body: Record<string, unknown> }): string[] {
  const blocks = (call.body.blocks ?? []) as { type: string; elements?: { action_id?: string }[] }[];
  return blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => (block.elements ?? []).map((element) => element.action_id ?? ''));
}

/** The values of a recorded message's buttons, in order. */
export function valuesOf(call: SlackCall | { body: Record<string, unknown> }): string[] {
  const blocks = (call.body.blocks ?? []) as { type: string; elements?: { value?: string }[] }[];
  return blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => (block.elements ?? []).map((element) => element.value ?? ''));
}

export function gradeOf(score: number, feedback: string, followUp: string | null = null): GradeResult {
  return {
    score,
    star: null,
    evidence: [],
    coveredPoints: score >= 4 ? ['Codes only what is documented'] : [],
    missingPoints: score >= 4 ? [] : ['Queries the physician'],
    redFlags: [],
    followUp,
    feedback,
    reasons: [],
  };
}

/**
 * A feedback model that takes its time, like an LLM: it streams a few partial texts, then grades.
 * `respond` decides the result; the default scores a first answer 2 with a follow-up, later ones 4.
 */
export class SlowFeedbackModel implements FeedbackModel {
  readonly requests: GradeRequest[] = [];

  constructor(
    private readonly delayMs: number,
    private readonly respond: (request: GradeRequest) => GradeResult = defaultRespond,
  ) {}

  async grade(request: GradeRequest, listener?: GradeListener): Promise<GradeOutcome> {
    this.requests.push(request);
    const result = this.respond(request);
    const steps = 4;
    for (let step = 1; step <= steps; step += 1) {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs / steps));
      listener?.onFeedbackText?.(
        result.feedback.slice(0, Math.ceil((result.feedback.length * step) / (steps + 1))),
      );
    }
    return { result, source: 'llm', usage: { promptTokens: 100, completionTokens: 50 }, fallback: null };
  }
}

function defaultRespond(request: GradeRequest): GradeResult {
  return request.previous.length === 0
    ? gradeOf(2, 'You named the code but not the query.', 'What would you ask the physician?')
    : gradeOf(4, 'Good: a non-leading query before final coding.');
}
