/** ANSI styling that turns into plain text when colour is off (not a TTY, or NO_COLOR). */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export const ansiStyle: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  red: wrap(31, 39),
  cyan: wrap(36, 39),
};

const same = (text: string) => text;
export const plainStyle: Style = { bold: same, dim: same, green: same, yellow: same, red: same, cyan: same };

export function chooseStyle(isTTY: boolean | undefined, noColor: boolean): Style {
  return isTTY && !noColor ? ansiStyle : plainStyle;
}
