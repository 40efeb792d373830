import {
  createStreamedMessage,
  type Logger,
  type Outbox,
  type Reply,
  type ReplyHandle,
  type StreamedMessage,
} from '../../src/index.ts';
import { apiErrorCode, deliveryErrorFrom, isPermissionError } from './api-errors.ts';
import { echoPayloads, type Payload, progressPayload, renderReply, textPayloads } from './render.ts';
import {
  type Destination,
  type InteractionResponder,
  interactionDestination,
  privateDestination,
} from './responder.ts';
import { labels, wording } from './wording.ts';

type QuestionReply = Extract<Reply, { type: 'question' }>;

/** A private-only reply withheld on purpose (see `sendPrivate`): nothing was posted, so nothing is updated. */
const withheld: ReplyHandle = { id: 'withheld' };

export interface DiscordOutboxOptions {
  logger: Logger;
  /** The interaction the event came from: private replies become its ephemeral follow-ups. */
  responder: InteractionResponder | null;
  /** Where public replies go until a thread is opened. */
  destination: Destination;
  /** For session and drill starts in a server channel: opens the thread the first question goes to. */
  openThread: ((reply: QuestionReply) => Promise<Destination | null>) | null;
  /**
   * The thread an event kept private belongs in (a posted drill's, answered in the modal): the buttons
   * of its private replies are bound to it, since presses on an ephemeral message come from the channel.
   */
  privateThread?: string | null;
  /** An answer typed in the modal, shown above its feedback (otherwise only its author ever saw it). */
  echo: { text: string; userId: string } | null;
  /**
   * Who spoke a recording sent with `/answer`: named above its transcript, since nobody else sees the
   * attached file (a voice message in the thread is there for all to see, and needs no name).
   */
  speaker?: string | null;
  /** Milliseconds between feedback edits while it streams. */
  editIntervalMs?: number;
}

/**
 * The core's replies for one Discord event, rendered and sent where the session lives. It keeps the
 * `Outbox` contract: whatever Discord refuses rejects with a `DeliveryError`.
 */
export function createDiscordOutbox(options: DiscordOutboxOptions): Outbox {
  const { logger, responder } = options;
  let destination = options.destination;
  let threadTried = false;
  let echo = options.echo;
  const streams = new Map<string, StreamedMessage<Payload>>();
  /** Private (ephemeral) messages sent for this event, by id, and how to reach them again. */
  const privateMessages = new Map<string, Destination>();

  function render(reply: Reply): Payload[] {
    const payloads = renderReply(reply);
    if (!options.speaker || reply.type !== 'transcript') return payloads;
    const [head, ...rest] = payloads;
    const header = `**${labels.yourAnswer}** · <@${options.speaker}>`;
    return [{ ...head!, content: head!.content ? `${header}\n${head!.content}` : header }, ...rest];
  }

  async function postOne(item: Payload): Promise<string> {
    try {
      return await destination.post(item);
    } catch (error) {
      // Without access to the channel, the interaction's own webhook still reaches the user.
      if (!responder || !isPermissionError(error)) throw error;
      logger.warn('discord-post-fell-back', { code: apiErrorCode(error) });
      destination = interactionDestination(responder);
      return destination.post(item);
    }
  }

  async function post(payloads: Payload[]): Promise<string> {
    let first = '';
    for (const item of payloads) {
      const id = await postOne(item);
      first ||= id;
    }
    return first;
  }

  async function replaceOriginal(text: string) {
    const [item] = textPayloads(text);
    try {
      if (!responder) await post([item!]);
      else if (!(await responder.replaceOriginal(item!))) await responder.send(item!, true);
    } catch (error) {
      logger.warn('discord-original-edit-failed', { code: apiErrorCode(error), error });
    }
  }

  /** Opens the session's thread; the placeholder says where it is once the question is in it. */
  async function openThreadFor(reply: QuestionReply): Promise<string | null> {
    threadTried = true;
    const thread = await options.openThread!(reply);
    if (!thread) {
      await replaceOriginal(wording.threadUnavailable());
      return null;
    }
    destination = thread;
    return wording.sessionIn(`<#${thread.thread}>`);
  }

  async function postEcho() {
    const shown = echo!;
    echo = null;
    await post(echoPayloads(shown.text, shown.userId)).catch((error: unknown) => {
      logger.warn('discord-echo-failed', { code: apiErrorCode(error), error });
    });
  }

  async function sendPrivate(reply: Reply): Promise<ReplyHandle> {
    // Without an interaction nothing can be shown to the actor alone: the core says what to drop then.
    if (!responder && reply.privateOnly) return withheld;
    if (!responder) return { id: await post(render(reply)) };
    // Buttons under a private exchange come back bound to its thread, and so as private (see to-event).
    const target = privateDestination(responder, reply.inPrivate ? (options.privateThread ?? null) : null);
    let first = '';
    for (const item of render(reply)) first ||= await target.post(item);
    privateMessages.set(first, target);
    return { id: first };
  }

  /** Where the message behind a handle lives: an ephemeral one is edited through the interaction. */
  function targetOf(handle: ReplyHandle): Destination {
    return privateMessages.get(handle.id) ?? destination;
  }

  /** Posts more of a reply where its first message went. */
  async function postTo(target: Destination, payloads: Payload[]) {
    if (target === destination) await post(payloads);
    else for (const item of payloads) await target.post(item);
  }

  async function finishFeedback(handle: ReplyHandle, reply: Reply) {
    const [head, ...rest] = render(reply);
    const target = targetOf(handle);
    const stream = streams.get(handle.id) ?? streamFor(target, handle.id);
    streams.delete(handle.id);
    await stream.finish(head!);
    if (rest.length) await postTo(target, rest);
  }

  /**
   * One feedback message edited while an LLM streams; Discord rate-limits edits per channel. A final
   * edit that fails is posted anew, where the message was.
   */
  function streamFor(target: Destination, id: string): StreamedMessage<Payload> {
    const stream = createStreamedMessage<Payload>(
      { edit: (item) => target.edit(id, item), post: (item) => postTo(target, [item]).then(() => {}) },
      {
        intervalMs: options.editIntervalMs ?? 1000,
        onError: (error) => logger.warn('discord-feedback-edit-failed', { code: apiErrorCode(error), error }),
      },
    );
    streams.set(id, stream);
    return stream;
  }

  async function sendPublic(reply: Reply): Promise<ReplyHandle> {
    const opened =
      reply.type === 'question' && options.openThread && !threadTried ? await openThreadFor(reply) : null;
    if (reply.type === 'feedback' && echo) await postEcho();
    const id = await post(render(reply));
    // Only now: a thread whose question never arrived is no place to send the user.
    if (opened) await replaceOriginal(opened);
    if (reply.type === 'feedback' && reply.status !== 'final') streamFor(destination, id);
    return destination.thread ? { id, thread: destination.thread } : { id };
  }

  /** A reply that must be seen: in place when Discord lets us edit, else posted anew. */
  async function editOrPost(handle: ReplyHandle, reply: Reply) {
    const [head, ...rest] = render(reply);
    const target = targetOf(handle);
    try {
      await target.edit(handle.id, head!);
    } catch (error) {
      logger.warn('discord-edit-failed', { code: apiErrorCode(error), error });
      await postTo(target, [head!]);
    }
    if (rest.length) await postTo(target, rest);
  }

  async function send(reply: Reply): Promise<ReplyHandle> {
    const handle = reply.private ? await sendPrivate(reply) : await sendPublic(reply);
    if (reply.closesThread) {
      await destination.archive().catch((error: unknown) => {
        logger.warn('discord-thread-archive-failed', { code: apiErrorCode(error), error });
      });
    }
    return handle;
  }

  async function update(handle: ReplyHandle, reply: Reply): Promise<void> {
    if (handle.id === withheld.id) return;
    if (reply.type === 'feedback' && reply.status === 'final') return finishFeedback(handle, reply);
    if (reply.type === 'feedback')
      return (streams.get(handle.id) ?? streamFor(targetOf(handle), handle.id)).push(
        progressPayload(reply.text),
      );
    await editOrPost(handle, reply);
  }

  return {
    send: (reply) => send(reply).catch(rejectAsDelivery),
    update: (handle, reply) => update(handle, reply).catch(rejectAsDelivery),
  };
}

function rejectAsDelivery(error: unknown): never {
  throw deliveryErrorFrom(error);
}
