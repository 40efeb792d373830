import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type {
  Actor,
  ChatAdapter,
  EventHandler,
  InboundEvent,
  Outbox,
  Place,
  Reply,
  SessionStartOptions,
} from '../../src/index.ts';
import { actionLine, renderReply } from './render.ts';
import { createSpinner } from './spinner.ts';
import type { Style } from './style.ts';
import { lineToEvent, terminalHelp } from './to-event.ts';

export interface TerminalAdapterOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  actor: Actor;
  startOptions: SessionStartOptions;
  /** A person at a TTY: prompts and a spinner. Otherwise every non-blank line is the next answer. */
  interactive: boolean;
  style: Style;
  /** What the header says about the filters, e.g. "mixed · mid". */
  filterLabel: string;
  /** Where the session lives; `terminal` unless another run in the terminal is using that place. */
  place?: Place;
}

export interface TerminalAdapter extends ChatAdapter {
  /** How the run ended: the session was summarized, or it could not start. */
  readonly outcome: 'summarized' | 'not-started' | 'stopped';
}

/** The terminal as a chat platform: lines in, rendered replies out, one session per run. */
export function createTerminalAdapter(options: TerminalAdapterOptions): TerminalAdapter {
  const { output, style } = options;
  const place = options.place ?? { channel: 'terminal' };
  const spinner = createSpinner(output, options.interactive && style.bold('x') !== 'x');
  // Unique across runs without reading the time: the store remembers delivery ids for a week.
  const run = randomUUID();
  let delivery = 0;
  let started = false;
  let summarized = false;
  let streamed = '';
  let stopRequested = false;
  let choiceOffered = false;
  let rl: ReturnType<typeof createInterface> | undefined;

  const write = (text: string) => output.write(`${text}\n`);
  const nextDelivery = () => `terminal-${run}-${++delivery}`;

  function show(reply: Reply) {
    if (reply.type === 'question' && !started) {
      started = true;
      const count = reply.total === 1 ? '1 question' : `${reply.total} questions`;
      write(style.bold(`starcoach · ${reply.packTitle} · ${options.filterLabel} · ${count}`));
    }
    if (reply.type === 'summary') summarized = true;
    if (reply.type === 'feedback' && reply.status !== 'final') return showProgress(reply);
    spinner.stop();
    if (reply.type === 'feedback' && streamed) {
      // The text already streamed; the result goes under it.
      write('');
      streamed = '';
      write(renderReply({ ...reply, text: '' }, style));
      return;
    }
    write(renderReply(reply, style));
    if (reply.type === 'notice' && reply.actions.length) {
      choiceOffered = true;
      write(style.dim(actionLine(reply.actions.map((action) => action.id))));
    }
  }

  function showProgress(reply: Extract<Reply, { type: 'feedback' }>) {
    if (reply.status === 'pending') {
      spinner.start('grading…');
      return;
    }
    spinner.stop();
    if (reply.text.startsWith(streamed)) output.write(reply.text.slice(streamed.length));
    streamed = reply.text;
  }

  const outbox: Outbox = {
    async send(reply) {
      show(reply);
      return { id: String(delivery) };
    },
    async update(_handle, reply) {
      show(reply);
    },
  };

  function withStartOptions(event: InboundEvent): InboundEvent {
    if (event.type !== 'session-start') return event;
    return { ...event, options: { ...options.startOptions, ...event.options } };
  }

  return {
    get outcome() {
      if (summarized) return 'summarized';
      return started ? 'stopped' : 'not-started';
    },
    async start(handle: EventHandler) {
      // The line iterator is created before anything is awaited: piped lines that arrive in between are
      // buffered by it instead of being lost.
      rl = createInterface({ input: options.input, terminal: false });
      const lines = rl[Symbol.asyncIterator]();
      const base = { actor: options.actor, place };
      await handle(
        { ...base, deliveryId: nextDelivery(), type: 'session-start', options: options.startOptions },
        outbox,
      );
      // A start that failed (its error is already shown) leaves nothing to answer.
      if (!started && !choiceOffered) {
        rl.close();
        return;
      }
      if (options.interactive && started) write(style.dim(terminalHelp));
      while (!summarized && !stopRequested) {
        if (options.interactive) output.write(style.cyan('> '));
        const next = await lines.next();
        if (next.done) break;
        const meaning = lineToEvent(next.value, nextDelivery(), options.actor, place);
        if (meaning.kind === 'blank') continue;
        if (meaning.kind === 'help') write(style.dim(terminalHelp));
        else if (meaning.kind === 'unknown')
          write(style.yellow(`Unknown command ${meaning.command}. ${terminalHelp}`));
        else await handle(withStartOptions(meaning.event), outbox);
      }
      // End of input ends the session with its summary.
      if (started && !summarized)
        await handle({ ...base, deliveryId: nextDelivery(), type: 'session-end' }, outbox);
      spinner.stop();
      rl.close();
    },
    async stop() {
      stopRequested = true;
      spinner.stop();
      rl?.close();
    },
  };
}
