import type { Config } from '../config.ts';
import { loadExtraPacks, loadPacks } from '../content/load-pack.ts';
import type { QuestionPack } from '../content/pack-schema.ts';
import { systemClock } from '../core/clock.ts';
import { type Coach, createCoach } from '../core/coach.ts';
import type { DashboardLinkSigner } from '../core/dashboard-types.ts';
import type { FeedbackModel } from '../core/feedback-model.ts';
import type { Logger } from '../core/logger.ts';
import type { Clock } from '../core/ports.ts';
import type { Transcriber } from '../core/transcriber.ts';
import { createOfflineFeedbackModel } from '../feedback/offline-model.ts';
import type { UsageLedger } from '../feedback/usage-ledger.ts';
import { instrumentFeedback } from '../metrics/instrument.ts';
import { instrumentBackend } from '../metrics/instrument-store.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { CoachStore } from '../store/coach-store.ts';

/** Built-in packs plus the operator's own folder, whose packs may not take a built-in id. */
export function loadAllPacks(config: Config): Map<string, QuestionPack> {
  const packs = loadPacks();
  if (config.packsDir) for (const [id, pack] of loadExtraPacks(config.packsDir, packs)) packs.set(id, pack);
  return packs;
}

/** The LLM when OPENAI_API_KEY is set (loaded lazily: offline users never load the openai client), else offline. */
export async function createFeedbackModel(
  config: Config,
  usage: UsageLedger,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<FeedbackModel> {
  const offline = createOfflineFeedbackModel();
  if (!config.llm) return offline;
  const { createLlmFeedbackModel, defaultModel } = await import('../feedback/llm/index.ts');
  return createLlmFeedbackModel({
    apiKey: config.llm.apiKey,
    baseURL: config.llm.baseURL,
    model: config.llm.model ?? defaultModel,
    timeoutMs: config.llm.timeoutMs,
    dailyTokenBudget: config.llm.dailyTokenBudget,
    usage,
    fallback: offline,
    clock,
    logger,
  });
}

/** Said once, on stderr, when feedback is offline: how to turn the LLM on. */
export const offlineNotice =
  '(no OPENAI_API_KEY: using the built-in grader; see README, "LLM feedback", to turn on LLM feedback)';

export interface Runtime {
  coach: Coach;
  store: CoachStore;
  defaultPackId: string;
  close(): Promise<void>;
}

/**
 * How long an answer being graded stays with the instance grading it before another may take it over
 * (that one may have died): past the LLM's whole deadline (three times its timeout) with a margin, or
 * a few seconds for the built-in grader, which answers in milliseconds.
 */
export function answerLeaseMs(config: Config): number {
  return config.llm ? 4 * config.llm.timeoutMs : 10_000;
}

/**
 * Speech to text when a speech server is configured; loaded only then. Its deadline is grading's:
 * STARCOACH_LLM_TIMEOUT_MS per attempt, three times that in all.
 */
export async function createTranscriber(config: Config, clock: Clock): Promise<Transcriber | null> {
  const { transcription } = config.voice;
  if (!transcription) return null;
  const { createOpenAITranscriber } = await import('../transcription/openai-transcriber.ts');
  return createOpenAITranscriber({
    ...transcription,
    model: config.voice.transcribeModel,
    timeoutMs: config.voice.timeoutMs,
    clock,
  });
}

async function measured(model: Promise<FeedbackModel>, metrics: Metrics | null | undefined) {
  return metrics ? instrumentFeedback(await model, metrics) : model;
}

/** The composition root: store, packs and feedback wired into the core. */
export async function openRuntime(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
  options: { dashboardLinks?: DashboardLinkSigner; metrics?: Metrics | null } = {},
): Promise<Runtime> {
  const packs = loadAllPacks(config);
  const store = await CoachStore.open({
    url: config.storeUrl,
    cwd: config.cwd,
    clock,
    prefix: config.storePrefix,
    connectTimeoutMs: config.storeConnectTimeoutMs,
    answerLeaseMs: answerLeaseMs(config),
    wrapBackend: options.metrics
      ? (backend) => instrumentBackend(backend, options.metrics!.storeSeconds)
      : undefined,
  });
  const defaultPackId = packs.has(config.defaultPackId)
    ? config.defaultPackId
    : (packs.keys().next().value ?? '');
  const coach = createCoach({
    store,
    packs,
    feedback: await measured(createFeedbackModel(config, store.usage, logger, clock), options.metrics),
    clock,
    logger,
    defaultPackId,
    dashboardLinks: options.dashboardLinks,
    transcriber: await createTranscriber(config, clock),
    maxAudioSeconds: config.voice.maxAudioSeconds,
    retentionDays: config.retentionDays,
    pairWaitMinutes: config.pairWaitMinutes,
  });
  return { coach, store, defaultPackId, close: () => store.close() };
}
