import type { QuestionPack } from '../content/pack-schema.ts';
import type { FeedbackModel } from './feedback-model.ts';
import type { Gate } from './gate.ts';
import type { Logger } from './logger.ts';
import type { Actor, Clock, SessionStore } from './ports.ts';

/** What every part of the coach shares: its dependencies, defaults filled in by `createCoach`. */
export interface CoachContext {
  store: SessionStore;
  packs: Map<string, QuestionPack>;
  feedback: FeedbackModel;
  clock: Clock;
  logger: Logger;
  random: () => number;
  newId: () => string;
  /** Bounds the events worked on at once; slow waits step outside it (see Gate). */
  gate: Gate;
  defaultPackId: string;
  /** The installed pack with this id; throws UserFacingError UNKNOWN_PACK. */
  packOf(id: string): QuestionPack;
}

/** Whose session an event acts on, and where. */
export interface Target {
  owner: Actor;
  channel: string;
  /** Set when the event comes from the thread under a posted daily drill, which every member may answer. */
  postedDrill?: { thread: string; date: string; channel: string };
}
