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
  /** `readVersioned` for many keys in a few round trips; rows in the keys' order. */
  readVersionedMany(namespace: string, keys: readonly string[]): Promise<(VersionedRow | undefined)[]>;
  /**
   * Only the versions, in the keys' order: null where there is no record, 0 where the version is not
   * known (a record from before versions), so a reader fetches just the records that changed.
   */
  readVersions(namespace: string, keys: readonly string[]): Promise<(number | null)[]>;
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

/**
 * A connection or adapter shared by every namespace's Keyv gets a listener from each; a dozen
 * namespaces pass Node's warning threshold of 10 without any leak.
 */
export function sharedByNamespaces<T extends { setMaxListeners(count: number): unknown }>(emitter: T): T {
  emitter.setMaxListeners(64);
  return emitter;
}

export function withErrorListener(keyv: Keyv): Keyv {
  keyv.on('error', ignoreEmittedError);
  return keyv;
}

/**
 * The version a new record starts at: its creation time, in thousandths of a millisecond with a random
 * part. Updates count up from there, so a record that is deleted and made again (forget, then practise)
 * never repeats a version another instance remembers it by (decoded-memo.ts).
 */
export function firstVersion(now: number): number {
  return Math.floor(now) * 1000 + Math.floor(Math.random() * 1000);
}

/** Splits `items` into runs of at most `size`: one statement or command per run keeps each bounded. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
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
