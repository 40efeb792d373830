/**
 * Bounds how many events the core works on at once. A thousand answers arriving together would
 * otherwise all hold their session and history in memory while they wait on the store, which buys
 * no speed (grading is CPU-bound and the store serializes writes) and costs tens of megabytes.
 * Slow waits that hold little, like an LLM call, step outside the gate.
 */
export class Gate {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  /** Events holding a slot now, and events waiting for one: for the operator's metrics. */
  get load(): { active: number; waiting: number } {
    return { active: this.#active, waiting: this.#waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  /** Runs `task` without holding a slot; called from inside `run`, which gets its slot back after. */
  async outside<T>(task: () => Promise<T>): Promise<T> {
    this.#release();
    try {
      return await task();
    } finally {
      await this.#acquire();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#active += 1;
      return;
    }
    // The releasing task hands its slot straight to the next waiter, so #active stays counted.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}
