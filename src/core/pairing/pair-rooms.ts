import type { ScorecardView } from './scorecard.ts';

/** What the core says in a peer session; adapters render each kind (the scorecard with buttons). */
export type PairMessage =
  | { type: 'pair-notice'; code: string; text: string }
  /** The interviewer's private card; sent again, updated, after each mark. */
  | { type: 'scorecard'; card: ScorecardView; text: string }
  /** Each member's private summary at the end. */
  | { type: 'pair-summary'; text: string };

/**
 * The adapter's side of a peer session (Discord: a private thread with both added; Slack: a group
 * direct message): given to the core with each pairing call, as an Outbox is with each event.
 */
export interface PairRooms {
  platform: string;
  /**
   * Opens a private space for the two members and returns its id. `where` is the cohort's channel (if
   * the queue was a cohort's) and the channel the match came from, for platforms whose spaces live in
   * a channel (a Discord thread); either may be null.
   */
  open(tenant: string, where: PairPlace, users: readonly [string, string]): Promise<string>;
  /** Posts in the space, for both to see. */
  post(tenant: string, space: string, message: PairMessage): Promise<void>;
  /** Shows a message to one member only (an ephemeral message, or a direct message). */
  sendPrivately(tenant: string, space: string, user: string, message: PairMessage): Promise<void>;
  /** A direct message to one member outside any space (the space could not be opened). */
  notify(tenant: string, user: string, message: PairMessage): Promise<void>;
}

export interface PairPlace {
  cohort: string | null;
  channel: string | null;
}
