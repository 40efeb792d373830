import { StoreError } from '../errors.ts';
import type { DecodedMemo } from './decoded-memo.ts';
import type { StoreBackend, VersionedRow } from './store-backend.ts';

/**
 * Records written with compare-and-set. Every read notes the record's version in a stamp; a write
 * succeeds only if the record is still at that version, in one statement or script on the backend.
 * Nothing is locked: a writer that lost the race reads again and re-applies its change.
 */

/** Another instance is grading the pending answer of a session until `until` (the store's clock). */
export interface Lease {
  holder: string;
  until: number;
}

/** What a read saw: the version a write compares against, and the record's bookkeeping. */
export interface Stamp {
  /** null: there was no record. */
  version: number | null;
  /** Recent operations applied to the record (delivery ids): applying one again changes nothing. */
  keys: string[];
  lease: Lease | null;
}

/** The JSON stored for a record: Keyv's shape (`value`, `expires`), so Keyv reads it too. */
interface Envelope {
  value: unknown;
  expires?: number | null;
  keys?: string[];
  lease?: Lease;
}

export interface Change {
  value: unknown;
  keys?: string[];
  lease?: Lease | null;
}

/** A record changed by someone else since it was read; `CoachStore.withUser` runs its task again. */
export class StoreConflictError extends StoreError {
  constructor(what: string) {
    super('STORE_CONFLICT', `The ${what} record changed while it was being updated; try again.`);
  }
}

/** Enough to spot an operation applied twice, in the records that take one per answer. */
const maxKeys = 64;
/** A record that keeps losing races is very hot or something loops; give up rather than spin. */
const maxAttempts = 100;

const stampKey = Symbol('starcoach.stamp');

/** The stamp a record was read (or last written) with; copies made with `{ ...record }` keep it. */
export function stampOf(record: object): Stamp | undefined {
  return (record as { [stampKey]?: Stamp })[stampKey];
}

/** Marks `record` (in place) as read or written at `stamp`, and returns it. */
export function withStamp<T extends object>(record: T, stamp: Stamp): T {
  (record as { [stampKey]?: Stamp })[stampKey] = stamp;
  return record;
}

function absentStamp(): Stamp {
  return { version: null, keys: [], lease: null };
}

export class VersionedRecords {
  readonly #backend: StoreBackend;
  readonly #now: () => number;

  readonly #memo: DecodedMemo | undefined;
  readonly #memoized: ReadonlySet<string>;

  /** Records in the `memoized` namespaces are kept decoded in `memo` (see decoded-memo.ts). */
  constructor(
    backend: StoreBackend,
    now: () => number,
    memo?: { memo: DecodedMemo; namespaces: ReadonlySet<string> },
  ) {
    this.#backend = backend;
    this.#now = now;
    this.#memo = memo?.memo;
    this.#memoized = memo?.namespaces ?? new Set();
  }

  /** The record's value (undefined when absent or expired) and the stamp to write it back with. */
  async read(namespace: string, key: string): Promise<{ value: unknown; stamp: Stamp }> {
    return this.#decode(await this.#backend.readVersioned(namespace, key));
  }

  /**
   * The values of many records, each through `decode` (migrations and the schema), undefined where
   * there is none. In a memoized namespace only records whose version moved since they were last
   * decoded are fetched and decoded (one key: read in one round trip, decoded only when it moved);
   * their values are frozen.
   */
  async readValues<T>(
    namespace: string,
    keys: readonly string[],
    decode: (value: unknown) => T,
  ): Promise<(T | undefined)[]> {
    const memo = this.#memoized.has(namespace) ? this.#memo : undefined;
    const memoKey = (key: string) => `${namespace}|${key}`;
    const values = new Array<T | undefined>(keys.length).fill(undefined);
    let missing = keys.map((_, index) => index);
    if (memo && keys.length > 1) {
      const versions = await this.#backend.readVersions(namespace, keys);
      missing = missing.filter((index) => {
        const version = versions[index]!;
        if (version === null) return false;
        values[index] = memo.get(memoKey(keys[index]!), version) as T | undefined;
        return values[index] === undefined;
      });
    }
    const rows =
      missing.length === 1
        ? [await this.#backend.readVersioned(namespace, keys[missing[0]!]!)]
        : await this.#backend.readVersionedMany(
            namespace,
            missing.map((index) => keys[index]!),
          );
    rows.forEach((row, position) => {
      const index = missing[position]!;
      if (row) values[index] = this.#decodeValue(memoKey(keys[index]!), row, decode, memo);
    });
    return values;
  }

  #decodeValue<T>(memoKey: string, row: VersionedRow, decode: (value: unknown) => T, memo?: DecodedMemo) {
    const known = memo?.get(memoKey, row.version);
    if (known !== undefined) return known as T;
    const envelope = JSON.parse(row.data) as Envelope;
    if (typeof envelope.expires === 'number') {
      // Records with an expiry are never kept: the memo would outlive them.
      return envelope.expires <= this.#now() ? undefined : decode(envelope.value);
    }
    if (envelope.value === undefined) return undefined;
    const value = decode(envelope.value);
    return memo ? memo.set(memoKey, row.version, row.data.length, value) : value;
  }

  #decode(row: VersionedRow | undefined): { value: unknown; stamp: Stamp } {
    if (!row) return { value: undefined, stamp: absentStamp() };
    const envelope = JSON.parse(row.data) as Envelope;
    const expired = typeof envelope.expires === 'number' && envelope.expires <= this.#now();
    const stamp: Stamp = {
      version: row.version,
      keys: expired ? [] : (envelope.keys ?? []),
      lease: expired ? null : (envelope.lease ?? null),
    };
    return { value: expired ? undefined : envelope.value, stamp };
  }

  /** Writes `change` over the record `stamp` was read from; null when it has changed since. */
  async write(namespace: string, key: string, change: Change, stamp: Stamp, ttlMs?: number) {
    const keys = (change.keys ?? stamp.keys).slice(-maxKeys);
    const lease = change.lease === undefined ? stamp.lease : change.lease;
    const envelope: Envelope = {
      value: change.value,
      expires: ttlMs === undefined ? null : this.#now() + ttlMs,
      ...(keys.length ? { keys } : {}),
      ...(lease ? { lease } : {}),
    };
    const data = JSON.stringify(envelope);
    const version = await this.#backend.writeVersioned(namespace, key, data, stamp.version, ttlMs);
    return version === null ? null : { version, keys, lease };
  }

  /**
   * Applies `step` to the freshest record and writes the result with compare-and-set, reading again
   * whenever another writer got there first. `step` returns null to leave the record as it is; it may
   * run several times, so it must be pure. Returns the value `step` last saw and the resulting stamp.
   */
  async update(
    namespace: string,
    key: string,
    step: (current: unknown, stamp: Stamp) => Change | null,
    ttlMs?: number,
  ): Promise<{ before: unknown; stamp: Stamp }> {
    for (let attempt = 1; ; attempt += 1) {
      const { value, stamp } = await this.read(namespace, key);
      const change = step(value, stamp);
      if (change === null) return { before: value, stamp };
      const written = await this.write(namespace, key, change, stamp, ttlMs);
      if (written) return { before: value, stamp: written };
      if (attempt >= maxAttempts) {
        // Not a StoreConflictError: re-running the whole task would only add to the contention.
        throw new StoreError(
          'STORE_CONTENTION',
          `The ${namespace} record kept changing; gave up updating it.`,
        );
      }
      await pauseAfterConflict(attempt);
    }
  }

  delete(namespace: string, key: string): Promise<boolean> {
    // Gone from memory too: forgotten data must not linger here either.
    this.#memo?.delete(`${namespace}|${key}`);
    return this.#backend.deleteVersioned(namespace, key);
  }
}

/**
 * Spreads writers that collided so they do not collide again in lockstep: nothing after the first
 * conflict, then a random pause growing to at most 50 ms. Sleeps only; never reads the time.
 */
export function pauseAfterConflict(attempt: number): Promise<void> {
  if (attempt < 2) return Promise.resolve();
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
