// The surface adapters build on: port types, the coach, and the platform-free helpers.
export type { QuestionKind, QuestionLevel, QuestionPack } from './content/pack-schema.ts';
export { questionKinds, questionLevels } from './content/pack-schema.ts';
export type { Coach } from './core/coach.ts';
export type {
  ActionId,
  Actor,
  ChatAdapter,
  Clock,
  EventHandler,
  InboundEvent,
  Outbox,
  Place,
  Reply,
  ReplyAction,
  ReplyHandle,
  SessionStartOptions,
  SessionSummary,
} from './core/ports.ts';
export type { GradeResult } from './feedback/grade-types.ts';
