import type { QuestionPack } from '../content/pack-schema.ts';
import { compileQuestion } from './match-signals.ts';

/**
 * Compiles every question's signals ahead of the first answers (a few ms each), one question per turn
 * of the event loop so a bot that has just started still answers at once. Stops early when `signal`
 * aborts. Without it the first answer to each question pays for its compilation.
 */
export async function warmGrader(
  packs: ReadonlyMap<string, QuestionPack>,
  signal?: AbortSignal,
): Promise<number> {
  let compiled = 0;
  for (const pack of packs.values()) {
    for (const question of pack.questions) {
      if (signal?.aborted) return compiled;
      compileQuestion(question);
      compiled += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return compiled;
}
