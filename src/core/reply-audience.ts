import type { Outbox, Reply } from './ports.ts';

/**
 * Who sees the replies to one event, decided here for every platform: adapters only render `private`,
 * `privateOnly`, `inPrivate` and `closesThread` as their platform can.
 */

/**
 * Replies under a posted drill, whose thread (the store says which) is everyone's: the reply that ends a
 * member's session there closes nothing, and if it was meant for the member alone it is not said to
 * everyone (their feedback above already says it).
 */
export function inSharedThread(out: Outbox): Outbox {
  return mapReplies(out, (reply) =>
    reply.closesThread ? { ...reply, closesThread: false, privateOnly: reply.private } : reply,
  );
}

/**
 * Replies to an answer the member keeps to themselves (Answer privately, or a button under such a
 * reply): each one is for the member alone, and says so (`inPrivate`), so what they do next from it,
 * a follow-up answer or a button, stays private too. Never said to everyone instead.
 */
export function keptPrivate(out: Outbox): Outbox {
  return mapReplies(out, (reply) => ({ ...reply, private: true, privateOnly: true, inPrivate: true }));
}

function mapReplies(out: Outbox, map: (reply: Reply) => Reply): Outbox {
  return {
    send: (reply) => out.send(map(reply)),
    update: (handle, reply) => out.update(handle, map(reply)),
  };
}
