import type {
  FeedbackModel,
  GradeListener,
  GradeOutcome,
  GradeRequest,
} from '../../src/core/feedback-model.ts';
import type { GradeResult } from '../../src/core/grade-types.ts';

export function gradeOf(
  score: number,
  followUp: string | null = null,
  extra: Partial<GradeResult> = {},
): GradeResult {
  return {
    score,
    star: null,
    evidence: [],
    coveredPoints: score >= 4 ? ['Codes R07.9'] : [],
    missingPoints: score >= 4 ? [] : ['Queries the physician'],
    redFlags: [],
    followUp,
    feedback: `Scored ${score}.`,
    reasons: [],
    ...extra,
  };
}

/**
 * A feedback model that answers from a script: `respond` decides each result from the request.
 * It records every request it was given (what a real model would have been sent), can stream, and can fail.
 */
export class ScriptedFeedbackModel implements FeedbackModel {
  readonly requests: GradeRequest[] = [];
  failNext: Error | null = null;

  constructor(private readonly respond: (request: GradeRequest) => GradeResult) {}

  async grade(request: GradeRequest, listener?: GradeListener): Promise<GradeOutcome> {
    this.requests.push(request);
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    const result = this.respond(request);
    listener?.onFeedbackText?.(result.feedback.slice(0, 3));
    return { result, source: 'offline', usage: null, fallback: null };
  }
}
