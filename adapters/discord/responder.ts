import {
  type MessageCreateOptions,
  type MessageEditOptions,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { inThread } from './custom-ids.ts';
import type { Payload } from './render.ts';

/**
 * How the interaction was first answered:
 * - placeholder: an ephemeral text ("Opening your session…") that the first private reply replaces;
 * - deferred: "thinking…", filled by the first reply of the same visibility, deleted if none comes;
 * - component: the ephemeral message a button was on (deferUpdate), which a private step may replace.
 */
export type OriginalResponse = { state: 'placeholder' | 'deferred' | 'component'; ephemeral: boolean } | null;

/** Replies through one interaction's webhook (valid for 15 minutes; long-lived messages use the bot token). */
export class InteractionResponder {
  readonly interaction: RepliableInteraction;
  #original: OriginalResponse;

  constructor(interaction: RepliableInteraction, original: OriginalResponse) {
    this.interaction = interaction;
    this.#original = original;
  }

  /** Sends a reply; the first one whose visibility matches fills a waiting deferral or placeholder. */
  async send(payload: Payload, ephemeral: boolean): Promise<string> {
    const original = this.#original;
    if (original && original.state !== 'component' && original.ephemeral === ephemeral) {
      this.#original = null;
      return (await this.interaction.editReply(payload)).id;
    }
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    return (await this.interaction.followUp({ ...payload, flags })).id;
  }

  /** Turns the ephemeral placeholder (or the ephemeral message a button was on) into this payload. */
  async replaceOriginal(payload: Payload): Promise<boolean> {
    if (!this.#original?.ephemeral) return false;
    this.#original = null;
    await this.interaction.editReply(payload);
    return true;
  }

  async edit(messageId: string, payload: Payload): Promise<void> {
    await this.interaction.webhook.editMessage(messageId, payload);
  }

  /** A deferral nobody filled would say "thinking…" forever. */
  async finish(): Promise<void> {
    if (this.#original?.state !== 'deferred') return;
    this.#original = null;
    await this.interaction.deleteReply();
  }
}

/** Where a session's public replies go: its thread, the channel, or the interaction's own webhook. */
export interface Destination {
  /** The thread these messages land in, if any: the core binds the session to it. */
  readonly thread: string | null;
  post(payload: Payload): Promise<string>;
  edit(messageId: string, payload: Payload): Promise<void>;
  /** Closes the session's thread after its summary; nothing to do elsewhere. */
  archive(): Promise<void>;
}

/** The parts of a discord.js text channel or thread that a destination uses. */
export interface PostableChannel {
  id: string;
  send(options: MessageCreateOptions): Promise<{ id: string }>;
  messages: { edit(messageId: string, options: MessageEditOptions): Promise<unknown> };
  isThread(): boolean;
  setArchived?(archived?: boolean): Promise<unknown>;
}

/** Posts with the bot token, so messages keep working after the interaction token expires. */
export function channelDestination(channel: PostableChannel): Destination {
  return {
    thread: channel.isThread() ? channel.id : null,
    post: async (payload) => (await channel.send(payload)).id,
    edit: async (messageId, payload) => {
      await channel.messages.edit(messageId, payload);
    },
    archive: async () => {
      if (channel.isThread()) await channel.setArchived?.(true);
    },
  };
}

/**
 * Ephemeral messages through the interaction, shown only to its user. With a thread (an exchange kept
 * private about a posted drill), buttons are bound to it, since presses on an ephemeral message come
 * from the channel.
 */
export function privateDestination(responder: InteractionResponder, thread: string | null): Destination {
  const bind = (payload: Payload): Payload =>
    thread === null
      ? payload
      : {
          ...payload,
          components: payload.components.map((row) => ({
            ...row,
            components: row.components.map((button) =>
              'custom_id' in button ? { ...button, custom_id: inThread(button.custom_id, thread) } : button,
            ),
          })),
        };
  return {
    thread: null,
    post: (payload) => responder.send(bind(payload), true),
    edit: (messageId, payload) => responder.edit(messageId, bind(payload)),
    archive: async () => {},
  };
}

/** For DMs and channels the bot cannot post in: follow-ups through the interaction's webhook. */
export function interactionDestination(responder: InteractionResponder): Destination {
  return {
    thread: null,
    post: (payload) => responder.send(payload, false),
    edit: (messageId, payload) => responder.edit(messageId, payload),
    archive: async () => {},
  };
}
