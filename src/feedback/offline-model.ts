import type { FeedbackModel } from '../core/feedback-model.ts';
import { gradeAnswer } from './grade-answer.ts';

/** The built-in rubric grader behind the feedback port: deterministic, offline, always available. */
export function createOfflineFeedbackModel(): FeedbackModel {
  return {
    async grade(request) {
      const result = gradeAnswer({
        question: request.question,
        answer: request.answer,
        previous: request.previous,
        followUpsAsked: request.followUpsAsked,
      });
      return { result, source: 'offline', usage: null, fallback: null };
    },
  };
}
