import type { QuestionKind, QuestionLevel } from '../content/pack-schema.ts';
import type { DeliveryReport } from '../voice/voice-types.ts';
import type { GradeResult } from './grade-types.ts';

export type { DeliveryReport };

/** Who acts. `tenant`: Slack team or enterprise id, Discord guild id or `dm`, terminal `local`. */
export interface Actor {
  platform: 'terminal' | 'slack' | 'discord' | (string & {});
  tenant: string;
  user: string;
  /**
   * What the platform says this user may do, set by the adapter from the platform's own permissions
   * (Slack workspace admins and owners or configured instructors; Discord Manage Server). Never stored.
   */
  roles?: readonly ActorRole[];
}

export type ActorRole = 'admin' | 'instructor';

/**
 * Where an event happens. `channel` scopes "one active session per user per place";
 * `thread` is set when the event arrives inside a session's thread.
 */
export interface Place {
  channel: string;
  thread?: string;
}

import type { SessionStartOptions } from './session-options.ts';

export type { SessionStartOptions };

/** The inbound port: one platform event, translated by an adapter. */
export type InboundEvent = {
  /** The platform's event, interaction or message id (a counter in the terminal): seen once, acted on once. */
  deliveryId: string;
  actor: Actor;
  place: Place;
  /**
   * The question a button was shown with (from `ReplyAction.questionId`): a press on an earlier
   * question's button is refused instead of acting on the current one.
   */
  questionId?: string;
  /**
   * The member keeps this exchange to themselves (Answer privately, or a button under a reply to such
   * an answer): every reply to the event is for them alone, marked `inPrivate`.
   */
  privately?: boolean;
  /**
   * A plain message the bot overheard in a thread, not a command, button or form: when it is for none of
   * the member's sessions, members were talking among themselves, and the core says nothing.
   */
  overheard?: boolean;
} & (
  | { type: 'session-start'; options: SessionStartOptions }
  | { type: 'answer-submit'; text: string }
  /** A spoken answer (a voice message, an audio or video clip): transcribed, then graded like text. */
  | { type: 'answer-audio'; audio: AudioClip }
  | { type: 'hint-request' }
  | { type: 'question-skip' }
  | { type: 'question-next' }
  | { type: 'sample-show' }
  | { type: 'session-end' }
  /** The workspace's or server's question of the day, for this user. */
  | { type: 'drill-start' }
);

export type InboundEventType = InboundEvent['type'];

/**
 * A recording as the platform announced it. What the platform says about it (size, length) is checked
 * before anything is downloaded; `load` downloads it with the platform's credentials only once the
 * core has decided to transcribe it. Nothing of it is stored: the bytes live in memory until sent.
 */
export interface AudioClip {
  /** The file's name as posted (`voice-message.ogg`); never sent on, since names can identify people. */
  name: string;
  /** The MIME type the platform gave, if any. */
  mimeType?: string | null;
  /** Bytes, as the platform gave them. */
  sizeBytes?: number | null;
  /** Length in seconds, as the platform gave it (Discord's `duration_secs`, Slack's `duration_ms`). */
  durationSeconds?: number | null;
  /**
   * The file's bytes. Rejects with `AudioTooLargeError` as soon as more than `maxBytes` arrive, and
   * stops when `signal` aborts.
   */
  load(limit: { maxBytes: number; signal: AbortSignal }): Promise<Uint8Array>;
}

/** Buttons (or slash commands in the terminal) offered with a reply. */
export type ActionId = 'hint' | 'skip' | 'next' | 'end' | 'sample' | 'resume' | 'restart';

export interface ReplyAction {
  id: ActionId;
  label: string;
  /** The question this button acts on; adapters send it back as `InboundEvent.questionId`. */
  questionId?: string;
}

export interface QuestionView {
  id: string;
  text: string;
  kind: QuestionKind;
  level: QuestionLevel;
  /** As people say them ("E/M levels"), ready to show. */
  competencies: string[];
}

export interface SessionSummary {
  packTitle: string;
  answered: number;
  skipped: number;
  total: number;
  /** Average score of the answered questions, one decimal; null when nothing was answered. */
  average: number | null;
  previousAverage: number | null;
  strengths: string[];
  /** At most two areas to work on. */
  workOn: string[];
  /** One concrete next practice, worded for the user. */
  nextPractice: string;
  /** What the adapter can offer as the next step, platform-free. */
  nextOptions: SessionStartOptions;
}

/** Where feedback came from, with token usage when an LLM wrote it. */
export interface FeedbackSource {
  source: 'llm' | 'offline';
  usage: { promptTokens: number; completionTokens: number } | null;
}

interface ReplyBase {
  /** Shown only to the actor (ephemeral in Slack and Discord). */
  private: boolean;
  /**
   * Set on a private reply that must not be shown to everyone: where the platform has no way to show it
   * to the actor alone (a plain message in a Discord thread), it is dropped. Unset, it is shown there.
   */
  privateOnly?: boolean;
  /**
   * Part of an exchange the member keeps private (see `InboundEvent.privately`): what they do next from
   * this reply, an answer to it or a press of its buttons, should reach the core with `privately` too.
   */
  inPrivate?: boolean;
  /** The session's thread is done with after this reply (its summary, the line that ends a drill). */
  closesThread?: boolean;
  actions: ReplyAction[];
}

/** The outbound port's messages. Wording comes from the core; adapters format it. */
export type Reply = ReplyBase &
  (
    | {
        type: 'question';
        number: number;
        total: number;
        packTitle: string;
        question: QuestionView;
        /** Set for the question of the day: its local date (YYYY-MM-DD) in the tenant's timezone. */
        drillDate: string | null;
      }
    | {
        type: 'feedback';
        /** pending: placeholder while grading; streaming: partial text; final: the whole result. */
        status: 'pending' | 'streaming' | 'final';
        text: string;
        grade: GradeResult | null;
        source: FeedbackSource | null;
        notes: string[];
      }
    | {
        type: 'transcript';
        /**
         * pending: placeholder while the recording is downloaded and transcribed; final: what was heard,
         * about to be graded; failed: it could not be used (`text` says why and what to do), nothing stored.
         */
        status: 'pending' | 'final' | 'failed';
        /** The core's wording: the placeholder, the heading with the delivery line, or the failure. */
        text: string;
        /** The redacted transcript (final only): the member's own words, to show quoted and escaped. */
        transcript: string | null;
        delivery: DeliveryReport | null;
      }
    | { type: 'follow-up'; text: string }
    | { type: 'hint'; text: string }
    | { type: 'sample-answer'; text: string }
    | { type: 'summary'; summary: SessionSummary; text: string }
    | { type: 'notice'; code: string; text: string }
    | { type: 'error'; code: string; text: string }
  );

export type ReplyType = Reply['type'];

/** A delivered reply. An adapter that opened a thread for it says so, and the session moves there. */
export interface ReplyHandle {
  /**
   * The message the reply became, as `update` knows it: the platform's id (Slack `ts`, Discord message
   * id) or, where the platform gives none that can be edited (an ephemeral message, a terminal line), one
   * the adapter made up. Never a marker for a reply that did not get through: that is a `DeliveryError`.
   */
  id: string;
  thread?: string;
}

/**
 * The outbound port. The adapter acks first, then the core talks back as it works. Every adapter keeps
 * this contract; `test/contracts/adapter.contract.ts` checks it on each through its fake platform.
 *
 * `send(reply)` resolves once the reply was delivered, all of it (a reply split into several messages
 * is delivered when every part is), with a handle that `update` accepts. An adapter may also withhold a
 * private notice on purpose (a thread message that was never meant for the bot; a `privateOnly` reply,
 * such as someone else's message in a session thread, where it cannot answer the actor alone); `send`
 * then resolves with a handle `update` ignores. A reply that should have
 * reached the user and did not makes `send` reject with a `DeliveryError`, the platform's error as its
 * `cause`.
 *
 * `update(handle, reply)` changes what the handle's message shows:
 * - feedback that is `pending` or `streaming` is best effort: the adapter throttles, coalesces and may
 *   drop these edits, and `update` never rejects for them;
 * - any other reply, the final feedback above all, must reach the user: when the message cannot be
 *   edited (deleted, not editable, the edit refused) the adapter posts the reply anew where the session
 *   is, and `update` resolves once either landed. It rejects with a `DeliveryError` only when neither did.
 *
 * Neither method rejects with anything but a `DeliveryError`. The core counts on it: a practice session
 * whose first question was not delivered is forgotten, so starting again works, and the user is told
 * privately (an `error` reply with the error's code, which the adapter may word for its platform).
 */
export interface Outbox {
  send(reply: Reply): Promise<ReplyHandle>;
  update(handle: ReplyHandle, reply: Reply): Promise<void>;
}

export type EventHandler = (event: InboundEvent, out: Outbox) => Promise<void>;

/** What every platform adapter implements. */
export interface ChatAdapter {
  start(handle: EventHandler): Promise<void>;
  stop(): Promise<void>;
}

/** The clock the core reads time through, so tests drive it. The real one is in `clock.ts`. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export type { SessionStore } from './store-port.ts';

/** What a platform adapter gives the drill scheduler: a way to post the day's question in a channel. */
export interface DrillPoster {
  platform: string;
  /** Posts the question and opens the thread members answer in; returns that thread. */
  postDrill(tenant: string, channel: string, reply: Reply): Promise<ReplyHandle>;
}
