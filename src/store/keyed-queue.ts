/**
 * Runs tasks one after another per key, in arrival order, while different keys run in parallel.
 * This is how writes for one user are serialized inside a process: two answers arriving at once
 * are both kept, in order. Across processes and instances, compare-and-set on the records does that
 * (see record-cas.ts), and the answer's claim, stored with it, keeps it from being graded twice.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    // Drop the entry once this task is the last one, so idle users cost no memory.
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.#tails.size;
  }
}
