import type { QuestionPack } from '../src/content/pack-schema.ts';
import { systemClock } from '../src/core/clock.ts';
import { createCoach } from '../src/core/coach.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor, InboundEvent, Outbox } from '../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
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

export async function openSqliteCoach(path: string, packs: Map<string, QuestionPack>) {
  const store = await CoachStore.open({ url: `sqlite://${path}`, cwd: process.cwd(), clock: systemClock });
  const coach = createCoach({
    store,
    packs,
    feedback: createOfflineFeedbackModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  return { store, coach };
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
