export {
  createLlmFeedbackModel,
  defaultModel,
  type LlmFeedbackModel,
  type LlmFeedbackOptions,
  type SummaryOutcome,
  type SummaryRequest,
} from './create-llm-feedback-model.ts';
export { estimatePromptTokens, estimateTokens } from './estimate-tokens.ts';
