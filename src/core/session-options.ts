import type { QuestionKind, QuestionLevel } from '../content/pack-schema.ts';

/** What a member asks for when starting a session; what they leave out the coach decides. */
export interface SessionStartOptions {
  packId?: string;
  kind?: QuestionKind;
  level?: QuestionLevel;
  count?: number;
  followUps?: number;
  /** One named question of the pack, instead of a selection (the CLI's `practice --question`). */
  questionId?: string;
  /** What to do when a session is already active here: ask (default), resume it, or start over. */
  mode?: 'ask' | 'resume' | 'new';
}
