import { describe, expect, it } from 'vitest';
import { createTerminalOutbox } from '../../adapters/terminal/outbox.ts';
import { safeJson, safeText } from '../../adapters/terminal/safe-text.ts';
import { createSpinner } from '../../adapters/terminal/spinner.ts';
import { ansiStyle, chooseStyle, plainStyle, type Style } from '../../adapters/terminal/style.ts';
import type { Reply } from '../../src/index.ts';
import { FakeTerminalOutput } from '../fakes/terminal-output.ts';

const hostile = 'a\x1b[2Jb\x1b]0;title\x07c\x1bP1$r\x1b\\d\x9b31me\x9d0;t\x9cf\x85g\x00h\x7fi\rj\x1bck';
/** Everything but our own colour codes: those are `ESC [ digits m` and nothing else. */
const foreignControl = /\x1b(?!\[\d+m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]/;

function outbox(style: Style, columns?: number) {
  const output = new FakeTerminalOutput();
  if (columns) Object.assign(output, { isTTY: true, columns });
  const terminal = createTerminalOutbox({
    output,
    style,
    spinner: createSpinner(output, false),
    filterLabel: 'mixed · any level',
  });
  return { output, terminal };
}

const question = (text: string): Reply => ({
  type: 'question',
  private: false,
  actions: [],
  number: 1,
  total: 1,
  packTitle: 'Pack\x1b]0;x\x07',
  question: { id: 'q', kind: 'technical', level: 'mid', competencies: ['c\x9b1m'], text },
  drillDate: null,
});

describe('safeText', () => {
  it('takes out CSI, OSC, DCS, C1 and C0 controls whole, keeping newline and tab', () => {
    expect(safeText(hostile)).toBe('abcdefghijk');
    expect(safeText('line one\n\tline two')).toBe('line one\n\tline two');
    expect(safeText('naïve — “quoted” 日本')).toBe('naïve — “quoted” 日本');
  });

  it('safeJson escapes DEL and C1, which JSON.stringify leaves raw, and parses back the same', () => {
    const value = { text: hostile };
    expect(JSON.stringify(value)).toMatch(/[\x7f-\x9f]/);
    expect(safeJson(value)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(JSON.parse(safeJson(value))).toEqual(value);
  });
});

describe('the terminal outbox writes no control sequence it did not make', () => {
  it('with colour: our codes stay, theirs go', async () => {
    const { output, terminal } = outbox(ansiStyle);
    await terminal.send(question(`Why?${hostile}`));
    await terminal.send({ type: 'notice', private: false, actions: [], code: 'x', text: hostile });
    expect(output.text).toContain('\x1b[1m');
    expect(output.text).toContain('abcdefghijk');
    expect(output.text).not.toMatch(foreignControl);
  });

  it('with NO_COLOR: no escape at all', async () => {
    expect(chooseStyle(true, true)).toBe(plainStyle);
    const { output, terminal } = outbox(chooseStyle(true, true));
    await terminal.send(question(`Why?${hostile}`));
    expect(output.text).toContain('abcdefghijk');
    expect(output.text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('streamed feedback is cleaned as it comes', async () => {
    const { output, terminal } = outbox(plainStyle);
    const handle = await terminal.send(question('Why?'));
    const feedback = (status: 'streaming' | 'final', text: string): Reply => ({
      type: 'feedback',
      private: false,
      actions: [],
      status,
      text,
      grade: null,
      source: null,
      notes: [],
    });
    await terminal.update(handle, feedback('streaming', 'You said "\x1b[2J'));
    await terminal.update(handle, feedback('final', 'You said "\x1b[2Jhi"'));
    expect(output.text).toContain('You said "');
    expect(output.text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});

describe('lines wrap at word boundaries to the terminal width', () => {
  const words = Array.from({ length: 60 }, (_, index) => `word${index}${'x'.repeat(index % 7)}`);
  const visible = (line: string) => [...line.replace(/\x1b\[\d+m/g, '')].length;

  it('at a TTY: no line is wider than the window, no word is split, colour codes take no room', async () => {
    for (const style of [plainStyle, ansiStyle]) {
      const { output, terminal } = outbox(style, 40);
      await terminal.send(question(words.join(' ')));
      const lines = output.text.split('\n');
      expect(Math.max(...lines.map(visible))).toBeLessThanOrEqual(40);
      const shown = output.text.replace(/\x1b\[\d+m/g, '').split(/\s+/);
      for (const word of words) expect(shown).toContain(word);
      expect(lines.some((line) => visible(line) >= 30)).toBe(true);
    }
  });

  it('a word longer than the line is the only thing split, in pieces of the width', async () => {
    const { output, terminal } = outbox(plainStyle, 20);
    const long = 'x'.repeat(45);
    await terminal.send({
      type: 'notice',
      private: false,
      actions: [],
      code: 'x',
      text: `short ${long} end`,
    });
    expect(output.text.split('\n').filter(Boolean)).toEqual([
      'short',
      'x'.repeat(20),
      'x'.repeat(20),
      'xxxxx end',
    ]);
  });

  it('streamed feedback cut mid-word still wraps whole words', async () => {
    const { output, terminal } = outbox(plainStyle, 30);
    const handle = await terminal.send(question('Why?'));
    const text = words.slice(0, 25).join(' ');
    const feedback = (status: 'streaming' | 'final', shown: string): Reply => ({
      type: 'feedback',
      private: false,
      actions: [],
      status,
      text: shown,
      grade: null,
      source: null,
      notes: [],
    });
    for (const cut of [7, 23, 61, 100, 150])
      await terminal.update(handle, feedback('streaming', text.slice(0, cut)));
    await terminal.update(handle, feedback('final', text));
    const after = output.text.slice(output.text.indexOf('word0 '));
    expect(Math.max(...after.split('\n').map(visible))).toBeLessThanOrEqual(30);
    expect(after.split(/\s+/).filter(Boolean)).toEqual(text.split(' '));
  });

  it('piped (no TTY): lines are left whole for the reader to lay out', async () => {
    const { output, terminal } = outbox(plainStyle);
    await terminal.send(question(words.join(' ')));
    expect(output.text).toContain(words.join(' '));
  });
});
