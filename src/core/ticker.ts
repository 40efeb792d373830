/**
 * Runs `run` at once, then again after `sleepMs()` each time, until stopped: the loop behind the drill
 * and reminder schedulers. A failing run is reported and the loop goes on; the timer never keeps the
 * process alive on its own.
 */
export function createTicker(options: {
  run: () => Promise<unknown>;
  /** How long to wait after a run; may read the store, so it may fail, and then `fallbackMs` is used. */
  sleepMs: () => number | Promise<number>;
  fallbackMs: number;
  onError: (error: unknown) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  async function tick() {
    try {
      running = options.run();
      await running;
    } catch (error) {
      options.onError(error);
    }
    if (stopped) return;
    let sleep: number;
    try {
      sleep = await options.sleepMs();
    } catch {
      sleep = options.fallbackMs;
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), sleep);
    timer.unref();
  }

  return {
    start() {
      stopped = false;
      void tick();
    },
    /** Stops the loop; resolves once a run in progress is over (so the store can be closed after it). */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}
