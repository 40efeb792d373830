import { DeliveryError, type Outbox, type Reply } from '../../src/index.ts';
import { actionLine, renderReply } from './render.ts';
import { safeData } from './safe-text.ts';
import type { Spinner } from './spinner.ts';
import type { Style } from './style.ts';
import { completeWords, ttyWrapper, type Wrapper } from './wrap.ts';

type Feedback = Extract<Reply, { type: 'feedback' }>;

export interface TerminalOutboxOptions {
  output: NodeJS.WritableStream;
  style: Style;
  spinner: Spinner;
  /** What the header says about the filters, e.g. "mixed · mid". */
  filterLabel: string;
  /** The filters of the session the first question belongs to (a resumed one has its own), if known. */
  sessionLabel?: () => Promise<string | null>;
  /** Shared with whatever else writes to the output, so it knows where the cursor is; default: its own. */
  wrapper?: Wrapper;
}

/** The outbox, and what reached the screen so far: the run's loop decides from it. */
export interface TerminalOutbox extends Outbox {
  /** A question was written: there is a session to answer. */
  readonly started: boolean;
  /** The session's summary came: the run is over. */
  readonly summarized: boolean;
  /** A choice (resume or start over) was written: the next line answers it. */
  readonly choiceOffered: boolean;
}

/**
 * The core's replies as terminal text. The terminal cannot edit: streamed feedback is written as it
 * comes, and the grade goes under it. It keeps the `Outbox` contract: a write the output refuses (a
 * closed pipe) rejects with a `DeliveryError`, and a grade that cannot go under its streamed text is
 * written anew, whole.
 */
export function createTerminalOutbox(options: TerminalOutboxOptions): TerminalOutbox {
  const { output, style, spinner } = options;
  const wrapper = options.wrapper ?? ttyWrapper(output);
  const state = { started: false, summarized: false, choiceOffered: false };
  let streamed = '';
  let streamBroken = false;
  let replies = 0;

  /** Resolves once the output took the text. */
  function writeOut(text: string): Promise<void> {
    const laidOut = wrapper.wrap(text);
    return new Promise((resolve, reject) => {
      output.write(laidOut, (error) => {
        if (!error) return resolve();
        const code = (error as NodeJS.ErrnoException).code ?? null;
        reject(new DeliveryError('DELIVERY_FAILED', code, { cause: error }));
      });
    });
  }

  // One reply at a time, each written before the next is looked at: the grade needs to know whether
  // the text streamed above it reached the screen.
  let queue: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work);
    queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  async function show(unsafe: Reply): Promise<void> {
    const reply = safeData(unsafe);
    if (reply.type === 'summary') state.summarized = true;
    if (reply.type === 'feedback' && reply.status !== 'final') return showProgress(reply);
    if (reply.type === 'transcript' && reply.status === 'pending') {
      spinner.start('transcribing…');
      return;
    }
    spinner.stop();
    if (reply.type === 'feedback') return showFeedback(reply);
    const header = reply.type === 'question' && !state.started ? [await questionHeader(reply)] : [];
    const offers = reply.type === 'notice' && reply.actions.length > 0;
    const choices = offers ? [style.dim(actionLine(reply.actions.map((action) => action.id)))] : [];
    await writeOut(`${[...header, renderReply(reply, style), ...choices].join('\n')}\n`);
    if (reply.type === 'question') state.started = true;
    if (offers) state.choiceOffered = true;
  }

  async function questionHeader(reply: Extract<Reply, { type: 'question' }>): Promise<string> {
    const count = reply.total === 1 ? '1 question' : `${reply.total} questions`;
    // The header is a nicety: a store that cannot say which session this is must not stop the question.
    const own = await options.sessionLabel?.().catch(() => null);
    const label = safeData(own ?? options.filterLabel);
    return style.bold(`starcoach · ${reply.packTitle} · ${label} · ${count}`);
  }

  /** Streamed text is best effort: after a piece that could not be written, the grade brings it whole. */
  async function showProgress(reply: Feedback) {
    if (reply.status === 'pending') {
      spinner.start('grading…');
      return;
    }
    spinner.stop();
    // A word cut off at the end of a piece could not be wrapped whole: it waits for the next piece.
    const ready = wrapper.active ? completeWords(reply.text) : reply.text;
    const more = ready.startsWith(streamed) ? ready.slice(streamed.length) : '';
    if (streamBroken || more === '') return;
    await writeOut(more).then(
      () => {
        streamed = ready;
      },
      () => {
        streamBroken = true;
      },
    );
  }

  /**
   * The rest of the streamed text and the grade under it (the whole feedback when the stream broke off).
   * A write the output refused is tried once more, whole: the terminal's way of posting anew.
   */
  async function showFeedback(reply: Feedback) {
    const above = streamBroken ? '' : streamed;
    streamed = '';
    streamBroken = false;
    const whole = `${renderReply(reply, style)}\n`;
    const underStream =
      above && reply.text.startsWith(above)
        ? `${reply.text.slice(above.length)}\n${renderReply({ ...reply, text: '' }, style)}\n`
        : whole;
    const landed = await writeOut(underStream).then(
      () => true,
      () => false,
    );
    if (!landed) await writeOut(whole);
  }

  return {
    get started() {
      return state.started;
    },
    get summarized() {
      return state.summarized;
    },
    get choiceOffered() {
      return state.choiceOffered;
    },
    send: (reply) =>
      inTurn(async () => {
        await show(reply);
        return { id: `reply-${++replies}` };
      }),
    update: (_handle, reply) => inTurn(() => show(reply)),
  };
}
