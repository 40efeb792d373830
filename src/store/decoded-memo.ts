/**
 * Records as last decoded, by version. A bulk reader (a roster of thousands, a reminder tick) asks the
 * store for versions only, then fetches and decodes just the records whose version moved: reading,
 * parsing and checking every member's history was most of a roster's time. Versions never repeat for
 * a key, even across a delete (see firstVersion), so a remembered version is the record's content.
 *
 * Values are deep-frozen, since every reader shares them. The least recently read go first once the
 * stored text they were decoded from passes `budgetChars` (a fair measure of their size in memory).
 */
export class DecodedMemo {
  readonly #entries = new Map<string, { version: number; chars: number; value: unknown }>();
  #chars = 0;

  constructor(readonly budgetChars: number) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The value decoded from `key` at `version`, or undefined. */
  get(key: string, version: number): unknown {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.version !== version) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` (frozen here) as `key` at `version`, decoded from `chars` characters; returns it. */
  set<T>(key: string, version: number, chars: number, value: T): T {
    this.delete(key);
    deepFreeze(value);
    // Version 0 is a record from before versions: it changes without its version moving.
    if (version === 0 || chars > this.budgetChars) return value;
    this.#entries.set(key, { version, chars, value });
    this.#chars += chars;
    for (const [oldest, entry] of this.#entries) {
      if (this.#chars <= this.budgetChars) break;
      this.#entries.delete(oldest);
      this.#chars -= entry.chars;
    }
    return value;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#chars -= entry.chars;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
