import { describe, expect, it } from 'vitest';
import { readSources } from './source-files.ts';

/** Issue 11: the core stays in parts a newcomer can read whole. */
const maxCoreLines = 300;

/** Lines as `wc -l` counts them in a file that ends with a line break. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** `file: lines` for every file over the limit. */
function oversized(files: [path: string, text: string][], limit: number): string[] {
  return files
    .map(([path, text]) => [path, lineCount(text)] as const)
    .filter(([, lines]) => lines > limit)
    .map(([path, lines]) => `${path}: ${lines} lines`);
}

describe('core file size', () => {
  it(`keeps every file in src/core at ${maxCoreLines} lines or fewer`, () => {
    const files = readSources('src/core');
    expect(files.length).toBeGreaterThan(0);
    expect(oversized(files, maxCoreLines)).toEqual([]);
  });

  it('counts lines as wc -l does, and names a file over the limit', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
    const long = `${'x\n'.repeat(301)}`;
    expect(
      oversized(
        [
          ['src/core/long.ts', long],
          ['src/core/short.ts', 'x\n'],
        ],
        300,
      ),
    ).toEqual(['src/core/long.ts: 301 lines']);
  });
});
