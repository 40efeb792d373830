import type { RespondFn, webApi } from '@slack/bolt';
import {
  createStreamedMessage,
  DeliveryError,
  type Logger,
  type Outbox,
  type Reply,
  type ReplyHandle,
  type StreamedMessage,
} from '../../src/index.ts';
import type { SlackMessage } from './blocks.ts';
import { renderReply } from './render.ts';
import { textMessage } from './render-views.ts';
import { deliveryErrorFrom, slackErrorCode, slackErrorText } from './slack-errors.ts';

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
  streamIntervalMs: number;
}

/** A private reply: a bot cannot edit an ephemeral message, so what updates it is posted anew. */
const ephemeralId = 'ephemeral';

/**
 * The core's outbox for one Slack event: public replies in the session's thread (a new session's first
 * question opens it), private ones ephemeral, feedback edited in place while it streams. It keeps the
 * `Outbox` contract: a reply Slack refuses rejects with a `DeliveryError`, and the core's error reply that
 * follows is told in Slack's terms (not_in_channel: invite me), privately.
 */
export class SlackOutbox implements Outbox {
  #thread: string | undefined;
  /** Slack's answer to the last call it refused, for the words of the error reply that follows. */
  #refusal: string | null = null;
  readonly #streams = new Map<string, StreamedMessage<SlackMessage>>();

  constructor(private readonly target: SlackReplyTarget) {
    this.#thread = target.thread;
  }

  async send(reply: Reply): Promise<ReplyHandle> {
    if (!reply.private) return this.#sendPublic(reply);
    await this.#postPrivate(this.#render(reply));
    return { id: ephemeralId };
  }

  async update(handle: ReplyHandle, reply: Reply): Promise<void> {
    if (reply.type === 'feedback' && reply.status !== 'final') {
      // Partial text cannot be shown in an ephemeral message; the finished grade is, below.
      const [partial] = renderReply(reply);
      if (partial && handle.id !== ephemeralId) {
        this.#streamFor(handle.id).push(partial);
      }
      return;
    }
    const [first, ...rest] = this.#render(reply);
    if (handle.id === ephemeralId) return this.#postPrivate([first!, ...rest]);
    if (reply.type === 'feedback') await this.#finishFeedback(handle.id, first!);
    else await this.#editOrPost(handle.id, first!);
    for (const message of rest) await this.#post(message);
  }

  #render(reply: Reply): SlackMessage[] {
    if (reply.type === 'error' && reply.code.startsWith('DELIVERY_') && this.#refusal !== null) {
      return textMessage(slackErrorText(this.#refusal));
    }
    return renderReply(reply, { thread: this.#thread, privately: reply.inPrivate === true });
  }

  async #sendPublic(reply: Reply): Promise<ReplyHandle> {
    const [first, ...rest] = this.#render(reply);
    const ts = await this.#post(first!);
    if (!this.#thread && reply.type === 'question') this.#thread = ts;
    for (const message of rest) await this.#post(message);
    return this.#thread ? { id: ts, thread: this.#thread } : { id: ts };
  }

  async #post(message: SlackMessage): Promise<string> {
    try {
      const result = await this.target.client.chat.postMessage({
        channel: this.target.channel,
        text: message.text,
        blocks: message.blocks,
        ...(this.#thread ? { thread_ts: this.#thread } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!result.ts) throw new DeliveryError('DELIVERY_FAILED', 'no_ts');
      return result.ts;
    } catch (error) {
      throw this.#refused('slack-post-failed', error);
    }
  }

  async #edit(ts: string, message: SlackMessage): Promise<void> {
    const { channel } = this.target;
    await this.target.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  }

  /** A reply that must be seen: in place when Slack lets us edit, else as a new message in the thread. */
  async #editOrPost(ts: string, message: SlackMessage): Promise<void> {
    try {
      await this.#edit(ts, message);
    } catch (error) {
      this.#warn('slack-edit-failed', error);
      await this.#post(message);
    }
  }

  /** Every message through the preferred private route, else the other one; rejects when neither took it. */
  async #postPrivate(messages: SlackMessage[]): Promise<void> {
    const routes = [this.#viaRespond, this.#viaEphemeral];
    if (this.target.privateVia === 'ephemeral') routes.reverse();
    for (const message of messages) {
      let refusal: unknown = null;
      for (const route of routes) {
        try {
          if (await route.call(this, message)) {
            refusal = null;
            break;
          }
        } catch (error) {
          refusal = error;
          this.#warn('slack-private-reply-failed', error);
        }
      }
      // A user who sees nothing is the worst case: the core hears of it.
      if (refusal !== null) throw this.#refused('slack-private-reply-refused', refusal);
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

  /** Slack refused a reply: remembered for the error reply's words, and handed to the core. */
  #refused(event: string, error: unknown): DeliveryError {
    const failure = deliveryErrorFrom(error);
    this.#refusal = failure.platformCode;
    this.#warn(event, error);
    return failure;
  }

  /** Whole rendered messages stream, so the final grade (blocks, not just text) lands after the last partial. */
  #streamFor(ts: string): StreamedMessage<SlackMessage> {
    const existing = this.#streams.get(ts);
    if (existing) return existing;
    const stream = createStreamedMessage<SlackMessage>(
      {
        edit: (message) => this.#edit(ts, message),
        // The final edit could not land (message deleted, rate limit): the grade is posted anew, and a
        // refused post rejects with a DeliveryError.
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

  async #finishFeedback(ts: string, final: SlackMessage): Promise<void> {
    const stream = this.#streamFor(ts);
    try {
      await stream.finish(final);
    } finally {
      this.#streams.delete(ts);
    }
  }

  #warn(event: string, error: unknown): void {
    this.target.logger.warn(event, { code: slackErrorCode(error), channel: this.target.channel });
  }
}
