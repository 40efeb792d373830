import type { Outbox, Reply, ReplyHandle } from '../../src/core/ports.ts';

export interface Recorded {
  op: 'send' | 'update';
  handle: string;
  reply: Reply;
}

/** An outbox that keeps every reply in order; `thread` makes it behave like an adapter that opens threads. */
export class RecordingOutbox implements Outbox {
  readonly log: Recorded[] = [];
  #next = 0;

  constructor(private readonly thread?: string) {}

  async send(reply: Reply): Promise<ReplyHandle> {
    const handle = {
      id: `m${++this.#next}`,
      ...(this.thread && reply.type === 'question' ? { thread: this.thread } : {}),
    };
    this.log.push({ op: 'send', handle: handle.id, reply });
    return handle;
  }

  async update(handle: ReplyHandle, reply: Reply): Promise<void> {
    this.log.push({ op: 'update', handle: handle.id, reply });
  }

  types(): string[] {
    return this.log.map((entry) => (entry.op === 'update' ? `update:${entry.reply.type}` : entry.reply.type));
  }

  last<T extends Reply['type']>(type: T): Extract<Reply, { type: T }> | undefined {
    return this.log
      .map((entry) => entry.reply)
      .filter((reply): reply is Extract<Reply, { type: T }> => reply.type === type)
      .at(-1);
  }

  finalFeedback(): Extract<Reply, { type: 'feedback' }>[] {
    return this.log
      .map((entry) => entry.reply)
      .filter(
        (reply): reply is Extract<Reply, { type: 'feedback' }> =>
          reply.type === 'feedback' && reply.status === 'final',
      );
  }
}
