import { Writable } from 'node:stream';

type WriteCallback = (error: Error | null | undefined) => void;

/**
 * The terminal's output as a pipe gives it: it keeps every write that landed, in order, and can be told
 * to refuse the next writes. A refused write's callback gets an EPIPE error, as Node's own streams report
 * it, and nothing is written; unlike a closed pipe the stream stays usable, so a later write can land
 * (a reader that was briefly gone, a full disk that was cleared).
 */
export class FakeTerminalOutput extends Writable {
  readonly writes: string[] = [];
  #refusals = 0;

  constructor() {
    super({ decodeStrings: false });
  }

  /** The next `times` writes fail. */
  refuse(times = 1): void {
    this.#refusals += times;
  }

  get text(): string {
    return this.writes.join('');
  }

  override write(
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): boolean {
    if (this.#refusals === 0) return super.write(chunk, encoding as BufferEncoding, callback);
    this.#refusals -= 1;
    const done = typeof encoding === 'function' ? encoding : callback;
    const error = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    process.nextTick(() => done?.(error));
    return false;
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: WriteCallback): void {
    this.writes.push(String(chunk));
    callback(null);
  }
}
