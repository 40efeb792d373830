import type { Histogram } from 'prom-client';
import { monotonicClock } from '../core/clock.ts';
import type { StoreBackend } from '../store/store-backend.ts';

/** The backend's round trips, by the operation label they are counted under. */
const timed = {
  claim: 'claim',
  release: 'release',
  readVersioned: 'read',
  readVersionedMany: 'read_many',
  readVersions: 'read_versions',
  writeVersioned: 'write',
  deleteVersioned: 'delete',
  addMember: 'set_add',
  removeMember: 'set_remove',
  members: 'set_members',
} as const satisfies Partial<Record<keyof StoreBackend, string>>;

type Timed = keyof typeof timed;
/** Every timed operation takes at most five arguments (writeVersioned's are the most). */
type Operation = (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) => Promise<unknown>;

/** One round trip in this many is timed: a turn makes dozens, and their distribution is what matters. */
export const storeSampleEvery = 8;

/**
 * The same backend, timing one round trip in `storeSampleEvery` of each operation into `histogram`
 * (its _count is the sample, not every call; rates and quantiles hold). Every other member (Keyv,
 * close, scans) passes through untouched; the label's child is bound once. Timing every call cost
 * about 3 % of a busy bot's turns on an in-memory store, the sample a fraction of that.
 */
export function instrumentBackend(backend: StoreBackend, histogram: Histogram<'operation'>): StoreBackend {
  const wrapped: StoreBackend = { ...backend };
  for (const name of Object.keys(timed) as Timed[]) {
    const child = histogram.labels(timed[name]);
    const original = backend[name] as Operation;
    let calls = 0;
    // Fixed parameters, not rest and spread: this wraps calls that take a microsecond on a local store.
    const sampled: Operation = (a, b, c, d, e) => {
      calls += 1;
      if (calls % storeSampleEvery !== 0) return original(a, b, c, d, e);
      const started = monotonicClock.now();
      const done = () => child.observe((monotonicClock.now() - started) / 1000);
      const result = original(a, b, c, d, e);
      // Observed beside the caller's chain, not in it: a `finally` would add a promise to the round trip.
      result.then(done, done);
      return result;
    };
    (wrapped as unknown as Record<Timed, Operation>)[name] = sampled;
  }
  return wrapped;
}
