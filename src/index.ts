// The surface adapters build on: port types, the coach's interface, and the platform-free helpers.
export { splitText } from './chat/split-text.ts';
export { createThrottledUpdater, type ThrottledUpdater } from './chat/throttled-updater.ts';
export type { QuestionKind, QuestionLevel, QuestionPack } from './content/pack-schema.ts';
export { questionKinds, questionLevels } from './content/pack-schema.ts';
export type { Coach, MemberSettingsChange } from './core/coach.ts';
export { localDate } from './core/daily-question.ts';
export type { Logger } from './core/logger.ts';
export { actions, messages } from './core/messages.ts';
export type {
  ActionId,
  Actor,
  ActorRole,
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
export type { ProgressReport } from './core/progress.ts';
export type { TenantConfigChange, TenantConfigView } from './core/tenant-settings.ts';
export { renderCohortChart } from './drills/cohort-chart.ts';
export { type CohortReport, cohortReportText } from './drills/cohort-report.ts';
export type { DrillPoster } from './drills/drill-scheduler.ts';
export type { Leaderboard } from './drills/leaderboard.ts';
export { describeWeekdays, parseWeekdays, weekdayNames } from './drills/weekdays.ts';
export {
  ConfigError,
  DeliveryError,
  type DeliveryErrorCode,
  StarcoachError,
  UserFacingError,
} from './errors.ts';
export type { GradeResult } from './feedback/grade-types.ts';
export type { MemberSettings, TenantConfig } from './store/records.ts';
