import type { Config } from '../config.ts';
import { loadPacks } from '../content/load-pack.ts';
import type { QuestionPack } from '../content/pack-schema.ts';
import { type Coach, createCoach } from '../core/coach.ts';
import type { Logger } from '../core/logger.ts';
import { type Clock, systemClock } from '../core/ports.ts';
import { createOfflineFeedbackModel } from '../feedback/offline-model.ts';
import { CoachStore } from '../store/coach-store.ts';

/** Built-in packs plus the operator's own folder; a pack id there replaces the built-in one. */
export function loadAllPacks(config: Config): Map<string, QuestionPack> {
  const packs = loadPacks();
  if (config.packsDir) for (const [id, pack] of loadPacks(config.packsDir)) packs.set(id, pack);
  return packs;
}

export interface Runtime {
  coach: Coach;
  store: CoachStore;
  close(): Promise<void>;
}

/** The composition root: store, packs and feedback wired into the core. */
export async function openRuntime(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<Runtime> {
  const packs = loadAllPacks(config);
  const store = await CoachStore.open({ url: config.storeUrl, cwd: config.cwd, clock });
  const coach = createCoach({
    store,
    packs,
    feedback: createOfflineFeedbackModel(),
    clock,
    logger,
    defaultPackId: packs.has(config.defaultPackId) ? config.defaultPackId : undefined,
  });
  return { coach, store, close: () => store.close() };
}
