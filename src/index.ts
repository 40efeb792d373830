// The surface adapters build on: port types, the coach's interface, and the platform-free helpers.

export { renderCohortChart } from './chat/cohort-chart.ts';
export { splitText } from './chat/split-text.ts';
export { createStreamedMessage, type StreamedMessage, type StreamTarget } from './chat/streamed-message.ts';
export type { QuestionKind, QuestionLevel, QuestionPack } from './content/pack-schema.ts';
export { questionKinds, questionLevels } from './content/pack-schema.ts';
export type { AssignmentProgress, AssignWhat } from './core/assignments.ts';
export type { Coach } from './core/coach.ts';
export type { AssignmentView, AssignRequest, MemberAssignment } from './core/cohort-assignments.ts';
export type { Assignment, AssignmentStatus, Cohort } from './core/cohort-records.ts';
export { type CohortReport, type CohortWeek, cohortReportText } from './core/cohort-report.ts';
export type { CohortExport, ExportOptions } from './core/cohort-rosters.ts';
export type { CohortView, TenantConfigChange, TenantConfigView } from './core/cohort-settings.ts';
export type { ConfigOutcome } from './core/cohorts.ts';
export { localDate } from './core/daily-question.ts';
export {
  type AssignmentCompletion,
  type CohortOverview,
  type CohortSummary,
  type CompetencyWeek,
  type DashboardLink,
  type DashboardLinkSigner,
  type DashboardReads,
  type DashboardViewer,
  type HardQuestion,
  type MemberAnswer,
  type MemberAttempt,
  type MemberPage,
  type ParticipationDay,
  viewerActor,
  type WorkspacePage,
} from './core/dashboard-types.ts';
export {
  type DirectMessage,
  type DirectMessenger,
  RateLimitedError,
  type ReminderKind,
} from './core/direct-messages.ts';
export type { GradeResult } from './core/grade-types.ts';
export type { InstallationRecords } from './core/installations.ts';
export type { Logger } from './core/logger.ts';
export { actions, messages } from './core/messages.ts';
export { pairMessages } from './core/pairing/pair-messages.ts';
export type { JoinResult, PairMatch } from './core/pairing/pair-queue.ts';
export type { PairMessage, PairPlace, PairRooms } from './core/pairing/pair-rooms.ts';
export {
  type PointMark,
  pointMarks,
  type ScorecardMark,
  type ScorecardView,
} from './core/pairing/scorecard.ts';
export type {
  ActionId,
  Actor,
  ActorRole,
  AudioClip,
  ChatAdapter,
  Clock,
  DeliveryReport,
  DrillPoster,
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
export type { ProgressReport, VoiceProgress } from './core/progress.ts';
export type { MemberSettings, TenantConfig } from './core/records.ts';
export { parsePeriod, reportPeriods } from './core/report-period.ts';
export type { Roster, RosterRow } from './core/roster.ts';
export { rosterText } from './core/roster-text.ts';
export type { MemberSettingsChange } from './core/settings.ts';
export type { Leaderboard } from './drills/leaderboard.ts';
export { describeWeekdays, parseWeekdays, weekdayNames } from './drills/weekdays.ts';
export {
  ConfigError,
  DeliveryError,
  type DeliveryErrorCode,
  StarcoachError,
  UserFacingError,
} from './errors.ts';
export { isShardMessage, type MetricsJson, type ShardMessage } from './sharding/messages.ts';
export type { ShardState } from './sharding/readiness.ts';
export { looksLikeRecording } from './voice/audio-format.ts';
export { AudioRejected, maxAudioBytes, readAtMost } from './voice/audio-rejected.ts';
