/**
 * Word wrap for a terminal: the terminal itself breaks a long line at the last column, mid-word. Our
 * colour codes take no room on screen, so they are measured as nothing and never split.
 */

const styleCode = /^\x1b\[[0-9;]*m/;
const token = /\n|[ \t]+|[^ \t\n]+/g;

export interface Wrapper {
  /** The text broken into lines that fit, continuing from where the previous text left the cursor. */
  wrap(text: string): string;
  /** The cursor is at the start of a line again (the user pressed Enter after a prompt). */
  atLineStart(): void;
  /** Whether lines are being wrapped now: not when the output has no width (a pipe, a file). */
  readonly active: boolean;
}

/** `width` is read at every write, so a resized window gets lines of its new width; null: no wrapping. */
export function createWrapper(width: () => number | null): Wrapper {
  let column = 0;
  let pendingSpace = '';

  const usable = (columns: number | null): columns is number => columns !== null && columns >= 2;

  function wrap(text: string): string {
    const columns = width();
    if (!usable(columns)) return text;
    let out = '';
    for (const [piece] of text.matchAll(token)) {
      if (piece === '\n') {
        out += '\n';
        column = 0;
        pendingSpace = '';
      } else if (piece.startsWith(' ') || piece.startsWith('\t')) {
        pendingSpace += piece;
      } else {
        const length = visibleLength(piece);
        if (column + pendingSpace.length + length <= columns) {
          out += pendingSpace + piece;
          column += pendingSpace.length + length;
        } else if (length <= columns) {
          out += `${column > 0 ? '\n' : pendingSpace}${piece}`;
          column = (column > 0 ? 0 : pendingSpace.length) + length;
        } else {
          if (column > 0) out += '\n';
          const broken = breakWord(piece, columns);
          out += broken.text;
          column = broken.column;
        }
        pendingSpace = '';
      }
    }
    return out;
  }

  return {
    wrap,
    get active() {
      return usable(width());
    },
    atLineStart() {
      column = 0;
      pendingSpace = '';
    },
  };
}

/** A word longer than a line, in pieces of a line each: the only place a word is split. */
function breakWord(word: string, columns: number): { text: string; column: number } {
  let text = '';
  let column = 0;
  let rest = word;
  while (rest !== '') {
    const code = styleCode.exec(rest)?.[0];
    if (code) {
      text += code;
      rest = rest.slice(code.length);
      continue;
    }
    const char = String.fromCodePoint(rest.codePointAt(0)!);
    if (column === columns) {
      text += '\n';
      column = 0;
    }
    text += char;
    column += 1;
    rest = rest.slice(char.length);
  }
  return { text, column };
}

export function visibleLength(text: string): number {
  return [...text.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/** Streamed text up to its last space: the word after it may still be growing, so it waits. */
export function completeWords(text: string): string {
  const end = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'));
  return text.slice(0, end + 1);
}

/** Only a TTY has a width to wrap to; piped output is left for its reader (a pager, a file) to lay out. */
export function ttyWrapper(output: NodeJS.WritableStream): Wrapper {
  const tty = output as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  return createWrapper(() => (tty.isTTY && tty.columns ? tty.columns : null));
}
