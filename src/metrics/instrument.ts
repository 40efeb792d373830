import { monotonicClock } from '../core/clock.ts';
import type { Coach } from '../core/coach.ts';
import type { DirectMessenger } from '../core/direct-messages.ts';
import type { FeedbackModel } from '../core/feedback-model.ts';
import type { Clock, DrillPoster, Outbox } from '../core/ports.ts';
import { DeliveryError } from '../errors.ts';
import type { Metrics } from './metrics.ts';

const seconds = (clock: Clock, started: number) => (clock.now() - started) / 1000;

/** Counts a refused reply by the platform's own code, and passes the refusal on unchanged. */
function countingOutbox(out: Outbox, platform: string, metrics: Metrics): Outbox {
  const counted = <T>(work: Promise<T>) =>
    work.catch((error: unknown) => {
      if (error instanceof DeliveryError) {
        metrics.platformErrors.inc({ platform, code: error.platformCode ?? error.code });
      }
      throw error;
    });
  return {
    send: (reply) => counted(out.send(reply)),
    update: (handle, reply) => counted(out.update(handle, reply)),
  };
}

/** The coach with every event counted and timed, refused replies counted, and the gate's load read on scrape. */
export function instrumentCoach(coach: Coach, metrics: Metrics, clock: Clock = monotonicClock): Coach {
  metrics.gate.load = () => coach.load();
  return {
    ...coach,
    async handle(event, out) {
      const labels = { platform: event.actor.platform, type: event.type };
      const started = clock.now();
      try {
        await coach.handle(event, countingOutbox(out, event.actor.platform, metrics));
      } finally {
        metrics.eventsHandled.inc(labels);
        metrics.eventSeconds.observe(labels, seconds(clock, started));
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
