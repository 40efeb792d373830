import { loadPackFile } from '../../src/content/load-pack.ts';
import { type Coach, type CoachDependencies, createCoach } from '../../src/core/coach.ts';
import { newCohort } from '../../src/core/cohort-settings.ts';
import type { FeedbackModel } from '../../src/core/feedback-model.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor, InboundEvent, Place } from '../../src/core/ports.ts';
import type { SessionStore } from '../../src/core/store-port.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';

export const miniPack = loadPackFile(new URL('../fixtures/core/mini-pack.json', import.meta.url).pathname);

export interface Harness {
  coach: Coach;
  store: CoachStore;
  clock: ManualClock;
}

/** A coach on a real store, with a seeded order (no randomness) so tests know which question comes first. */
export async function openHarness(
  feedback: FeedbackModel,
  url = 'memory://',
  clock = new ManualClock(),
  prefix = 'core',
  extra: Partial<CoachDependencies> = {},
) {
  const store = await CoachStore.open({ url, cwd: process.cwd(), clock, prefix });
  let id = 0;
  const coach = createCoach({
    store,
    packs: new Map([[miniPack.id, miniPack]]),
    feedback,
    clock,
    logger: silentLogger,
    random: () => 0,
    newId: () => `session-${++id}`,
    ...extra,
  });
  return { coach, store, clock };
}

let delivery = 0;

type EventBody = InboundEvent extends infer E
  ? E extends InboundEvent
    ? Omit<E, 'deliveryId' | 'actor' | 'place'>
    : never
  : never;

export function eventFor(actor: Actor, place: Place, body: EventBody, deliveryId?: string) {
  return { deliveryId: deliveryId ?? `d${++delivery}`, actor, place, ...body } as InboundEvent;
}

/**
 * Two coaches on one store server, as two bot processes would be (the same one twice on memory, which
 * no second process can share), with `close` dropping what the test left on the server.
 */
export async function openTwoInstances(
  backend: { name: string; url: string | null },
  clock: ManualClock,
  prefix: string,
  extra: Partial<CoachDependencies> = {},
) {
  const first = await openHarness(createOfflineFeedbackModel(), backend.url!, clock, prefix, extra);
  const second =
    backend.name === 'memory'
      ? first
      : await openHarness(createOfflineFeedbackModel(), backend.url!, clock, prefix, extra);
  return {
    first,
    second,
    async close() {
      if (second.store !== first.store) await second.store.close();
      await first.store.close();
    },
  };
}

/** Makes `channel` a cohort's channel in the tenant, as an instructor's cohort command would. */
export async function addCohort(
  store: SessionStore,
  actor: Pick<Actor, 'platform' | 'tenant'>,
  channel: string,
) {
  await store.updateTenantConfig(actor.platform, actor.tenant, (config) => ({
    ...config,
    cohorts: { ...config.cohorts, [channel]: newCohort(channel, config.defaults, 'instructor', 0) },
  }));
}
