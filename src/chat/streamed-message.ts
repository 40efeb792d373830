import { createThrottledUpdater, type ThrottleOptions } from './throttled-updater.ts';

/** The message being streamed into, as a platform edits and posts it. */
export interface StreamTarget<P> {
  edit(payload: P): Promise<void>;
  /** Posts the final payload anew when its edit failed. */
  post(payload: P): Promise<unknown>;
}

export interface StreamedMessage<P> {
  /** The latest partial payload; shown now or at the next tick, whichever keeps the rate. */
  push(payload: P): void;
  /** Lands the final payload last; if that edit fails, posts it anew. Resolves when it has landed. */
  finish(payload: P): Promise<void>;
}

/**
 * One message edited while its content streams in (feedback as an LLM writes it), for any platform's
 * payload: throttled edits in order (platforms rate-limit edits), the final payload last, and posted
 * anew when the final edit fails (the message was deleted, a rate limit), so the reader still gets it.
 * Edit failures go to `onError`; they never reach the caller.
 */
export function createStreamedMessage<P extends object | string>(
  target: StreamTarget<P>,
  options: ThrottleOptions,
): StreamedMessage<P> {
  let final: P | null = null;
  let landed = false;
  const updater = createThrottledUpdater<P>(async (payload) => {
    // Once the final payload is known, an edit still waiting its turn lands it instead of a stale partial.
    const next = final ?? payload;
    await target.edit(next);
    if (next === final) landed = true;
  }, options);
  return {
    push: (payload) => updater.push(payload),
    async finish(payload) {
      final = payload;
      await updater.finish(payload);
      if (!landed) await target.post(payload);
    },
  };
}
