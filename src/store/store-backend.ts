import type Keyv from 'keyv';
import type { StoreLocation } from './store-url.ts';

/**
 * A record stored with a version number. `data` is the JSON Keyv stores (`{"value": …, "expires": …}`),
 * kept in Keyv's own row or key, so records written before versions existed read as version 0.
 */
export interface VersionedRow {
  version: number;
  data: string;
}

/**
 * One storage engine behind Keyv, plus what Keyv lacks: an atomic claim, compare-and-set on a record,
 * and sets whose members are stored one by one. Keyv has no compare-and-set, so a get-then-set would
 * race between instances; each of these is one statement, one script or one command on the backend.
 */
export interface StoreBackend {
  readonly kind: StoreLocation['kind'];
  /** A Keyv for one concern (sessions, history, …); `namespace` keeps concerns apart. */
  keyv(namespace: string): Keyv;
  /** True for exactly one caller per key until `ttlMs` passes, across processes and instances. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Deletes a claim, so the work it guarded can be claimed again. */
  release(key: string): Promise<void>;
  /** The record under `key` in `namespace` with its version, or undefined when there is none. */
  readVersioned(namespace: string, key: string): Promise<VersionedRow | undefined>;
  /**
   * Compare-and-set: writes `data` only if the record is still at version `expected` (null: there is
   * no record) and returns the new version, or null when another writer changed it first.
   * `ttlMs` lets the backend drop the record once it is stale; readers also check `expires` in `data`.
   */
  writeVersioned(
    namespace: string,
    key: string,
    data: string,
    expected: number | null,
    ttlMs?: number,
  ): Promise<number | null>;
  deleteVersioned(namespace: string, key: string): Promise<boolean>;
  /** Adds a member to a set; each member is a row (or set member) of its own, so adds never collide. */
  addMember(set: string, member: string): Promise<void>;
  removeMember(set: string, member: string): Promise<void>;
  members(set: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Prefix of tables, namespaces and keys: lets tests and several bots share one server. */
  prefix: string;
  now: () => number;
  /** How long a server may take to accept the connection; the driver gives up after it. */
  connectTimeoutMs?: number;
  /** Aborted when opening took too long: the backend drops its connection, so nothing keeps the process alive. */
  signal?: AbortSignal;
}

/**
 * Keyv, its adapters and the drivers also emit a failure as an `error` event, which ends the process
 * when nothing listens; every operation rejects with it as well (throwOnErrors), which is where it is
 * handled.
 */
export function ignoreEmittedError(): void {}

export function withErrorListener(keyv: Keyv): Keyv {
  keyv.on('error', ignoreEmittedError);
  return keyv;
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
