import { monotonicClock } from '../core/clock.ts';
import type { Coach } from '../core/coach.ts';
import type { DirectMessenger } from '../core/direct-messages.ts';
import type { FeedbackModel } from '../core/feedback-model.ts';
import type { Logger } from '../core/logger.ts';
import type { Clock, DrillPoster } from '../core/ports.ts';
import type { Metrics } from './metrics.ts';

const seconds = (clock: Clock, started: number) => (clock.now() - started) / 1000;

/**
 * The logger with refused replies counted, by platform and the platform's own code: the core logs each
 * one it meets (`reply-delivery-failed`), so counting there costs the hot path nothing, where wrapping
 * every reply's promise cost a busy bot about 4 % of its turns.
 */
export function countingRefusals<L extends Logger>(logger: L, metrics: Metrics): L {
  return {
    ...logger,
    warn(event: string, fields?: Record<string, unknown>) {
      if (event === 'reply-delivery-failed') {
        const platform = typeof fields?.platform === 'string' ? fields.platform : 'unknown';
        const code = String(fields?.platformCode ?? fields?.code ?? 'unknown');
        metrics.platformErrors.inc({ platform, code });
      }
      logger.warn(event, fields);
    },
  };
}

/**
 * The counter child of one platform and event type, bound once: prom-client hashes a label object on
 * every call otherwise.
 */
function eventCounters(metrics: Metrics) {
  const bound = new Map<string, { inc(): void }>();
  return (platform: string, type: string) => {
    const key = `${platform}\u0000${type}`;
    let counter = bound.get(key);
    if (!counter) {
      counter = metrics.eventsHandled.labels(platform, type);
      bound.set(key, counter);
    }
    return counter;
  };
}

/**
 * The coach with every event counted and the gate's load read on scrape. Each event's time is in its
 * `event-handled` log line; a histogram of it here cost busy turns more than it told.
 */
export function instrumentCoach(coach: Coach, metrics: Metrics): Coach {
  metrics.gate.load = () => coach.load();
  const counterFor = eventCounters(metrics);
  return {
    ...coach,
    async handle(event, out) {
      try {
        await coach.handle(event, out);
      } finally {
        counterFor(event.actor.platform, event.type).inc();
      }
    },
  };
}

/** Grades timed by the grader that answered; LLM grades, fallbacks and tokens counted. */
export function instrumentFeedback(
  model: FeedbackModel,
  metrics: Metrics,
  clock: Clock = monotonicClock,
): FeedbackModel {
  return {
    ...model,
    async grade(request, listener) {
      const started = clock.now();
      const outcome = await model.grade(request, listener);
      metrics.gradeSeconds.observe({ source: outcome.source }, seconds(clock, started));
      if (outcome.fallback) metrics.llmFallbacks.inc({ reason: outcome.fallback });
      if (outcome.source === 'llm' || outcome.fallback === 'llm-failed') {
        metrics.llmCalls.inc({ outcome: outcome.source === 'llm' ? 'ok' : 'fallback' });
      }
      if (outcome.usage) {
        metrics.llmTokens.inc({ kind: 'prompt' }, outcome.usage.promptTokens);
        metrics.llmTokens.inc({ kind: 'completion' }, outcome.usage.completionTokens);
      }
      return outcome;
    },
  };
}

async function counted<T>(work: () => Promise<T>, count: (outcome: 'ok' | 'failed') => void): Promise<T> {
  try {
    const value = await work();
    count('ok');
    return value;
  } catch (error) {
    count('failed');
    throw error;
  }
}

export function instrumentDrillPoster(poster: DrillPoster, metrics: Metrics): DrillPoster {
  const { platform } = poster;
  return {
    platform,
    postDrill: (tenant, channel, reply) =>
      counted(
        () => poster.postDrill(tenant, channel, reply),
        (outcome) => metrics.drillPosts.inc({ platform, outcome }),
      ),
  };
}

export function instrumentMessenger(messenger: DirectMessenger, metrics: Metrics): DirectMessenger {
  const { platform } = messenger;
  return {
    platform,
    sendDirect: (tenant, user, message) =>
      counted(
        () => messenger.sendDirect(tenant, user, message),
        (outcome) => metrics.reminderPosts.inc({ platform, outcome }),
      ),
  };
}
