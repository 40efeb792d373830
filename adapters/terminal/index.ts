import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type {
  Actor,
  ChatAdapter,
  EventHandler,
  InboundEvent,
  Place,
  SessionStartOptions,
} from '../../src/index.ts';
import { audioFileClip } from './audio-file.ts';
import { createTerminalOutbox } from './outbox.ts';
import { safeText } from './safe-text.ts';
import { createSpinner } from './spinner.ts';
import type { Style } from './style.ts';
import { lineToEvent, terminalHelp } from './to-event.ts';
import { ttyWrapper } from './wrap.ts';

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
  /** The filters of the session the first question belongs to: a resumed session has its own. */
  sessionLabel?: () => Promise<string | null>;
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
  let stopRequested = false;
  let rl: ReturnType<typeof createInterface> | undefined;

  const wrapper = ttyWrapper(output);
  const write = (text: string) => output.write(wrapper.wrap(`${text}\n`));
  const nextDelivery = () => `terminal-${run}-${++delivery}`;

  const outbox = createTerminalOutbox({
    output,
    style,
    spinner,
    filterLabel: options.filterLabel,
    sessionLabel: options.sessionLabel,
    wrapper,
  });

  function withStartOptions(event: InboundEvent): InboundEvent {
    if (event.type !== 'session-start') return event;
    return { ...event, options: { ...options.startOptions, ...event.options } };
  }

  return {
    get outcome() {
      if (outbox.summarized) return 'summarized';
      return outbox.started ? 'stopped' : 'not-started';
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
      if (!outbox.started && !outbox.choiceOffered) {
        rl.close();
        return;
      }
      if (options.interactive && outbox.started) write(style.dim(terminalHelp));
      while (!outbox.summarized && !stopRequested) {
        if (options.interactive) output.write(style.cyan('> '));
        const next = await lines.next();
        if (next.done) break;
        wrapper.atLineStart();
        const meaning = lineToEvent(next.value, nextDelivery(), options.actor, place);
        if (meaning.kind === 'blank') continue;
        if (meaning.kind === 'help') write(style.dim(terminalHelp));
        else if (meaning.kind === 'audio') {
          const audio = audioFileClip(meaning.path);
          if ('problem' in audio) write(style.yellow(safeText(audio.problem)));
          else await handle({ ...base, deliveryId: nextDelivery(), type: 'answer-audio', audio }, outbox);
        } else if (meaning.kind === 'unknown')
          write(style.yellow(`Unknown command ${safeText(meaning.command)}. ${terminalHelp}`));
        else await handle(withStartOptions(meaning.event), outbox);
      }
      // End of input ends the session with its summary; a stop (Ctrl-C) keeps it for --resume.
      if (outbox.started && !outbox.summarized && !stopRequested)
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
