import type Keyv from 'keyv';
import type { StoreLocation } from './store-url.ts';

/**
 * One storage engine behind Keyv, plus the one thing Keyv lacks: an atomic claim.
 * Keyv has no compare-and-set, so a get-then-set claim would race between instances.
 */
export interface StoreBackend {
  readonly kind: StoreLocation['kind'];
  /** A Keyv for one concern (sessions, history, …); `namespace` keeps concerns apart. */
  keyv(namespace: string): Keyv;
  /** True for exactly one caller per key until `ttlMs` passes, across processes and instances. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Deletes a claim, so the work it guarded can be claimed again. */
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Prefix of tables, namespaces and keys: lets tests and several bots share one server. */
  prefix: string;
  now: () => number;
}

/** Table names come from the prefix, so keep them to safe identifier characters. */
export function tableName(prefix: string, suffix: string): string {
  const safe = `${prefix}_${suffix}`.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[a-zA-Z]/.test(safe) ? safe : `t_${safe}`;
}

/**
 * Keyv options every backend shares. Plain JSON: Keyv's default serializer walks each value to encode
 * Buffers, which our records never hold, and was a third of the CPU time of a turn.
 */
export function keyvOptions(prefix: string, namespace: string) {
  return {
    namespace: `${prefix}:${namespace}`,
    throwOnErrors: true,
    serialize: (data: unknown) => JSON.stringify(data),
    deserialize: (data: string) => JSON.parse(data),
  };
}
