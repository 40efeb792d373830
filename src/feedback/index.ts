export {
  type GradeReasonCode,
  type GradeResult,
  gradeReasonCodes,
  gradeResultSchema,
  type StarPart,
  type StarPartState,
  starPartStates,
  starParts,
} from '../core/grade-types.ts';
export { shortQuote } from './compose-feedback.ts';
export { ANSWER_SEPARATOR, type GradeInput, gradeAnswer } from './grade-answer.ts';
export { type CodeMatch, extractCodes } from './medical-codes.ts';
