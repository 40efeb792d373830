import type { QuestionPack } from '../src/content/pack-schema.ts';
import { systemClock } from '../src/core/clock.ts';
import { createCoach } from '../src/core/coach.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor, InboundEvent, Outbox } from '../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { warmGrader } from '../src/feedback/warm-grader.ts';
import { CoachStore } from '../src/store/coach-store.ts';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function print(name: string, value: number, unit: string) {
  console.log(`${name}: ${Number(value.toFixed(3))} ${unit}`);
}

export const quietOutbox: Outbox = {
  send: async () => ({ id: 'x' }),
  update: async () => {},
};

/** A fair answer: long enough to be graded for real, short of the sample answer. */
export const benchAnswer =
  'I would code only what is documented and send a non-leading query to the physician when the record suggests more.';

/**
 * A coach on the offline grader and the store at `url`; `prefix` keeps a shared server's other data
 * apart. Its grader is warmed as `starcoach slack|discord` warms it at start.
 */
export async function openBenchCoach(url: string, packs: Map<string, QuestionPack>, prefix?: string) {
  await warmGrader(packs);
  const store = await CoachStore.open({ url, cwd: process.cwd(), clock: systemClock, prefix });
  const coach = createCoach({
    store,
    packs,
    feedback: createOfflineFeedbackModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  return { store, coach };
}

/** REDIS_URL from the environment, for the Redis figures; they are left out when it is unset. */
export function benchRedisUrl(): string | null {
  return process.env.REDIS_URL || null;
}

/** Deletes what a bench run wrote under `prefix` on a Redis server others share. */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
      if (keys.length) await client.del(keys);
    }
  } finally {
    await client.quit();
  }
}

let delivery = 0;
type Body = InboundEvent extends infer E
  ? E extends InboundEvent
    ? Omit<E, 'deliveryId' | 'actor' | 'place'>
    : never
  : never;

export function benchEvent(actor: Actor, body: Body): InboundEvent {
  return {
    deliveryId: `bench-${process.pid}-${++delivery}`,
    actor,
    place: { channel: 'bench' },
    ...body,
  } as InboundEvent;
}
