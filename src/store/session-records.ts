import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/ports.ts';
import type { SessionRecord } from '../core/records.ts';
import { StoreConflictError, stampOf, type VersionedRecords, withStamp } from './record-cas.ts';
import { sessionRecord } from './records.ts';
import { readRecord } from './versioned-record.ts';

/**
 * Sessions, written with compare-and-set against the version they were read at. A session read from
 * the store carries that version along (also into copies made with `{ ...session }`), so the core's
 * read-change-write steps need nothing more than `put`: if another instance wrote in between, the
 * write is refused (StoreConflictError) and the step runs again from a fresh read.
 *
 * A pending answer is stored together with its delivery id, in one write: that is the delivery's
 * claim. The instance that stored it holds a lease on it while it grades; others that find it
 * pending wait for the grade, and take the answer over only when the lease has run out.
 */
export class SessionRecords {
  readonly #records: VersionedRecords;
  readonly #clock: Clock;
  readonly #leaseMs: number;
  /** This instance, as the holder of answer leases. */
  readonly #id = randomUUID();
  /** Sessions whose pending answer this instance stored and has not finished grading. */
  readonly #leased = new Set<string>();

  constructor(records: VersionedRecords, clock: Clock, leaseMs: number) {
    this.#records = records;
    this.#clock = clock;
    this.#leaseMs = leaseMs;
  }

  /** The session; while another instance grades its pending answer, waits for that, up to the lease. */
  async get(key: string): Promise<SessionRecord | undefined> {
    for (let waited = 0; ; ) {
      const { value, stamp } = await this.#records.read('sessions', key);
      if (value === undefined) return undefined;
      const session = withStamp(readRecord(sessionRecord, value), stamp);
      if (waited >= this.#leaseMs || !this.#gradedElsewhere(session)) return session;
      // Sleeps counted, not the clock read: a test's manual clock must not make this wait forever.
      const pause = Math.min(200, 20 + waited / 10);
      await new Promise((resolve) => setTimeout(resolve, pause));
      waited += pause;
    }
  }

  /** One read from the store is written only if unchanged since; a new session replaces the place's. */
  async put(key: string, session: SessionRecord): Promise<void> {
    const pending = session.turn?.pending;
    const stamp = stampOf(session);
    if (stamp) {
      const lease = pending ? stamp.lease : null;
      const written = await this.#records.write('sessions', key, { value: session, lease }, stamp);
      if (!written) throw new StoreConflictError('session');
      withStamp(session, written);
    } else {
      // The delivery ids stay with the place: an answer re-delivered after a restart is still known.
      const { stamp: written } = await this.#records.update('sessions', key, () => ({
        value: session,
        lease: null,
      }));
      withStamp(session, written);
    }
    if (!pending) this.#leased.delete(key);
  }

  /**
   * Stores a session read from the store whose turn now holds a new pending answer, with the answer's
   * delivery id and this instance's lease. False, writing nothing, when that delivery's answer was
   * stored in this place before.
   */
  async accept(key: string, session: SessionRecord): Promise<boolean> {
    const deliveryId = session.turn?.pending?.deliveryId;
    const stamp = stampOf(session);
    if (!deliveryId || !stamp)
      throw new Error('accept needs a session read from the store, with a pending answer');
    if (stamp.keys.includes(deliveryId)) return false;
    const lease = { holder: this.#id, until: this.#clock.now() + this.#leaseMs };
    const change = { value: session, keys: [...stamp.keys, deliveryId], lease };
    const written = await this.#records.write('sessions', key, change, stamp);
    if (!written) throw new StoreConflictError('session');
    withStamp(session, written);
    this.#leased.add(key);
    return true;
  }

  /** Notes the session's thread, whatever else changed since: its question is already posted there. */
  async setThread(key: string, sessionId: string, thread: string): Promise<void> {
    await this.#records.update('sessions', key, (raw) => {
      if (raw === undefined) return null;
      const current = readRecord(sessionRecord, raw);
      if (current.id !== sessionId || current.thread === thread) return null;
      return { value: { ...current, thread } };
    });
  }

  async delete(key: string): Promise<boolean> {
    this.#leased.delete(key);
    return this.#records.delete('sessions', key);
  }

  /** Gives up the leases of answers still being graded here, so another instance picks them up at once. */
  async releaseLeases(): Promise<void> {
    for (const key of this.#leased) {
      await this.#records
        .update('sessions', key, (raw, stamp) =>
          stamp.lease?.holder === this.#id ? { value: raw, lease: null } : null,
        )
        .catch(() => undefined);
    }
    this.#leased.clear();
  }

  #gradedElsewhere(session: SessionRecord): boolean {
    const lease = stampOf(session)?.lease;
    return Boolean(
      session.turn?.pending && lease && lease.holder !== this.#id && lease.until > this.#clock.now(),
    );
  }
}
