import type { RespondFn, webApi } from '@slack/bolt';
import {
  createStreamedMessage,
  type Logger,
  type Outbox,
  type Reply,
  type ReplyHandle,
  type StreamedMessage,
} from '../../src/index.ts';
import type { SlackMessage } from './blocks.ts';
import { renderReply } from './render.ts';
import { textMessage } from './render-views.ts';
import { slackErrorCode, slackErrorText } from './slack-errors.ts';

/** Where one event's replies go. */
export interface SlackReplyTarget {
  client: webApi.WebClient;
  logger: Logger;
  channel: string;
  /** The actor: private replies are shown to them alone. */
  user: string;
  /** The session thread the event came from; unset for slash commands. */
  thread?: string;
  /** The payload's response_url: works in channels the bot is not in, so slash commands prefer it. */
  respond?: RespondFn;
  privateVia: 'respond' | 'ephemeral';
  /** Message events: a reply outside any session thread is not for us, so "no session" stays unsaid. */
  dropNoSession: boolean;
  /**
   * An answer sent privately (the Answer privately modal, or a button under its replies): every reply,
   * feedback included, is shown to the actor alone, in the thread, instead of to everyone in it.
   */
  privately?: boolean;
  streamIntervalMs: number;
}

/** Handles that name no message in the channel (ephemeral, dropped, failed posts) cannot be edited. */
const unsentIds = new Set(['ephemeral', 'dropped', 'failed']);
/** Feedback shown privately: a bot cannot edit an ephemeral message, so the grade follows as a new one. */
const privateFeedbackId = 'ephemeral-feedback';

/**
 * The core's outbox for one Slack event: public replies in the session's thread (a new session's first
 * question opens it), private ones ephemeral, feedback edited in place while it streams. Never throws:
 * Slack's refusals become a note to the user.
 */
export class SlackOutbox implements Outbox {
  #thread: string | undefined;
  #notified = false;
  readonly #streams = new Map<string, StreamedMessage<SlackMessage>>();

  constructor(private readonly target: SlackReplyTarget) {
    this.#thread = target.thread;
  }

  async send(reply: Reply): Promise<ReplyHandle> {
    if (!reply.private && !this.target.privately) return this.#sendPublic(reply);
    if (this.target.dropNoSession && reply.type === 'notice' && reply.code === 'no-session') {
      return { id: 'dropped' };
    }
    await this.#postPrivate(this.#render(reply));
    return { id: reply.type === 'feedback' ? privateFeedbackId : 'ephemeral' };
  }

  async update(handle: ReplyHandle, reply: Reply): Promise<void> {
    if (handle.id === privateFeedbackId) {
      // Partial text cannot be shown in place; the finished grade is.
      if (reply.type !== 'feedback' || reply.status === 'final') await this.#postPrivate(this.#render(reply));
      return;
    }
    if (unsentIds.has(handle.id)) return;
    if (reply.type === 'feedback' && reply.status !== 'final') {
      const [partial] = renderReply(reply);
      if (partial) this.#streamFor(handle.id).push(partial);
      return;
    }
    const [first, ...rest] = this.#render(reply);
    if (reply.type === 'feedback') await this.#finishFeedback(handle.id, first);
    else if (first) await this.#edit(handle.id, first).catch((error: unknown) => this.#reportFailure(error));
    for (const message of rest) await this.#post(message);
  }

  #render(reply: Reply): SlackMessage[] {
    return renderReply(reply, { thread: this.#thread, privately: this.target.privately });
  }

  async #sendPublic(reply: Reply): Promise<ReplyHandle> {
    const [first, ...rest] = this.#render(reply);
    const ts = first ? await this.#post(first) : null;
    if (!ts) return { id: 'failed' };
    if (!this.#thread && reply.type === 'question') this.#thread = ts;
    for (const message of rest) await this.#post(message);
    return this.#thread ? { id: ts, thread: this.#thread } : { id: ts };
  }

  async #post(message: SlackMessage): Promise<string | null> {
    try {
      const result = await this.target.client.chat.postMessage({
        channel: this.target.channel,
        text: message.text,
        blocks: message.blocks,
        ...(this.#thread ? { thread_ts: this.#thread } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      return result.ts ?? null;
    } catch (error) {
      await this.#reportFailure(error);
      return null;
    }
  }

  async #edit(ts: string, message: SlackMessage): Promise<void> {
    const { channel } = this.target;
    await this.target.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  }

  /** Tries the preferred private route, then the other one: a user who sees nothing is the worst case. */
  async #postPrivate(messages: SlackMessage[]): Promise<void> {
    const routes = [this.#viaRespond, this.#viaEphemeral];
    if (this.target.privateVia === 'ephemeral') routes.reverse();
    for (const message of messages) {
      for (const route of routes) {
        try {
          if (await route.call(this, message)) break;
        } catch (error) {
          this.#warn('slack-private-reply-failed', error);
        }
      }
    }
  }

  async #viaRespond(message: SlackMessage): Promise<boolean> {
    if (!this.target.respond) return false;
    await this.target.respond({ response_type: 'ephemeral', replace_original: false, ...message });
    return true;
  }

  async #viaEphemeral(message: SlackMessage): Promise<boolean> {
    await this.target.client.chat.postEphemeral({
      channel: this.target.channel,
      user: this.target.user,
      text: message.text,
      blocks: message.blocks,
      ...(this.#thread ? { thread_ts: this.#thread } : {}),
    });
    return true;
  }

  /** Slack refused a post: the user hears it once, privately, in words they can act on. */
  async #reportFailure(error: unknown): Promise<void> {
    this.#warn('slack-post-failed', error);
    if (this.#notified) return;
    this.#notified = true;
    await this.#postPrivate(textMessage(slackErrorText(slackErrorCode(error))));
  }

  /** Whole rendered messages stream, so the final grade (blocks, not just text) lands after the last partial. */
  #streamFor(ts: string): StreamedMessage<SlackMessage> {
    const existing = this.#streams.get(ts);
    if (existing) return existing;
    const stream = createStreamedMessage<SlackMessage>(
      {
        edit: (message) => this.#edit(ts, message),
        // An edit that could not land (message deleted, rate limit): the grade still reaches the user.
        post: (message) => this.#post(message),
      },
      {
        intervalMs: this.target.streamIntervalMs,
        onError: (error) => this.#warn('slack-stream-edit-failed', error),
      },
    );
    this.#streams.set(ts, stream);
    return stream;
  }

  async #finishFeedback(ts: string, final: SlackMessage | undefined): Promise<void> {
    if (!final) return;
    const stream = this.#streamFor(ts);
    await stream.finish(final);
    this.#streams.delete(ts);
  }

  #warn(event: string, error: unknown): void {
    this.target.logger.warn(event, { code: slackErrorCode(error), channel: this.target.channel });
  }
}
