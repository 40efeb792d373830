import type { Logger } from '../../src/index.ts';
import { createThrottledUpdater } from '../../src/index.ts';
import { apiErrorCode } from './api-errors.ts';
import { type Payload, progressPayload } from './render.ts';

export interface FeedbackStream {
  push(text: string): void;
  /** Lands the final message; false when that edit failed (the caller posts it anew). */
  finish(final: Payload): Promise<boolean>;
}

/**
 * One feedback message edited while an LLM streams: at most one edit per `intervalMs` (Discord rate-limits
 * edits per channel), and the final embed always lands last.
 */
export function createFeedbackStream(
  edit: (payload: Payload) => Promise<void>,
  logger: Logger,
  intervalMs = 1000,
): FeedbackStream {
  let final: Payload | null = null;
  let landed = false;
  const updater = createThrottledUpdater(
    async (text) => {
      // The final reply is an embed, not text: once it is known, the next edit to run lands it.
      const payload = final ?? progressPayload(text);
      await edit(payload);
      if (payload === final) landed = true;
    },
    {
      intervalMs,
      onError: (error) => logger.warn('discord-feedback-edit-failed', { code: apiErrorCode(error), error }),
    },
  );
  return {
    push: (text) => updater.push(text),
    async finish(payload) {
      final = payload;
      await updater.finish('');
      return landed;
    },
  };
}
