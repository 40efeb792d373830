import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const coreFiles = sourceFiles('src').filter((path) => !path.startsWith('src/cli/'));

/** The one module that reads the machine's time; everything else is handed a Clock. */
const clockModule = 'src/core/clock.ts';

/**
 * Reads of the machine's time allowed outside the clock module: pure measurements (metrics, log
 * timings) that decide nothing, each `file: pattern name` with the reason. Keep it short.
 */
const wallTimeAllowlist: Record<string, string> = {
  // None today: retry deadlines, edit throttling and log timestamps all go through src/core/clock.ts.
};

/** Ways to read the current time; `new Date(x)`, `Date.parse` and `Date.UTC` are fine. */
const wallTimeReads: [name: string, pattern: RegExp][] = [
  ['Date.now', /\bDate\s*\.\s*now\b/],
  ['new Date()', /\bnew\s+Date\b(?!\s*\(\s*[^\s)])/],
  ['Date()', /(?<![\w.$]|\bnew\s+)Date\s*\(/],
  ['performance.now', /\bperformance\s*\.\s*(?:now|timeOrigin)\b/],
  ['process.hrtime', /\bprocess\s*\.\s*(?:hrtime|uptime)\b/],
  ['Temporal.Now', /\bTemporal\s*\.\s*Now\b/],
  // Intl's format() and formatToParts() with no date format the current one.
  ['format() of now', /\.format(?:ToParts|Range)?\s*\(\s*\)/],
];

/** The source with comments and string contents blanked, line breaks kept, so lines still number right. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, (match) =>
    match.replace(/[^\n]/g, ' '),
  );
}

/** `file:line: pattern name` for every read of the machine's time outside the clock module. */
function wallTimeReadsIn(path: string, text: string): string[] {
  const found: string[] = [];
  codeOnly(text)
    .split('\n')
    .forEach((line, index) => {
      for (const [name, pattern] of wallTimeReads) {
        if (pattern.test(line)) found.push(`${path}:${index + 1}: ${name}`);
      }
    });
  return found;
}

describe('architecture boundaries', () => {
  it('keeps platform SDKs and readline out of src/ (the CLI composition root aside)', () => {
    const offenders = coreFiles.filter((path) =>
      /discord\.js|@slack\/bolt|['"]node:readline|['"]readline/.test(read(path)),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in src/config.ts', () => {
    const offenders = sourceFiles('src').filter(
      (path) => path !== 'src/config.ts' && /process\.env/.test(read(path)),
    );
    expect(offenders).toEqual([]);
  });

  it("reads the machine's time only in the clock module: everything else uses the Clock it is given", () => {
    const bin = readdirSync(join(root, 'bin')).map((name) => `bin/${name}`);
    const hits = [...sourceFiles('src'), ...sourceFiles('adapters'), ...bin]
      .filter((path) => path !== clockModule)
      .flatMap((path) => wallTimeReadsIn(path, read(path)));
    const allowed = (hit: string) => hit.replace(/:\d+:/, ':') in wallTimeAllowlist;
    expect(hits.filter((hit) => !allowed(hit))).toEqual([]);
    // An entry nothing needs any more goes too.
    const used = new Set(hits.map((hit) => hit.replace(/:\d+:/, ':')));
    expect(Object.keys(wallTimeAllowlist).filter((entry) => !used.has(entry))).toEqual([]);
    expect(wallTimeReadsIn(clockModule, read(clockModule))).not.toEqual([]);
  });

  it('recognises every way of reading the time, and not a date built from a value', () => {
    const hits = (code: string) =>
      wallTimeReadsIn('x.ts', code).map((hit) => hit.replace(/^x\.ts:\d+: /, ''));
    expect(hits('const t = Date.now();')).toEqual(['Date.now']);
    expect(hits('const now = Date.now;')).toEqual(['Date.now']);
    expect(hits('const d = new Date();')).toEqual(['new Date()']);
    expect(hits('const d = new Date;')).toEqual(['new Date()']);
    expect(hits('const s = Date();')).toEqual(['Date()']);
    expect(hits('const t = performance.now();')).toEqual(['performance.now']);
    expect(hits('const t = process.hrtime.bigint();')).toEqual(['process.hrtime']);
    expect(hits("new Intl.DateTimeFormat('en-CA').format()")).toEqual(['format() of now']);
    for (const fine of [
      'new Date(now).toISOString()',
      'new Date(day * 86_400_000)',
      'Date.parse(raw)',
      'Date.UTC(2026, 10, 23)',
      'isPlausibleDate(date)',
      'formatter.formatToParts(new Date(now))',
      '// Date.now() in a comment',
      "const text = 'new Date()';",
      'const at: Date = value;',
    ]) {
      expect(hits(fine), fine).toEqual([]);
    }
    expect(wallTimeReadsIn('y.ts', 'a();\n/* x */ b();\nconst t = Date.now();')).toEqual([
      'y.ts:3: Date.now',
    ]);
  });

  it('lets adapters import the core only through src/index.ts', () => {
    const offenders = sourceFiles('adapters').flatMap((path) =>
      [...read(path).matchAll(/from '([^']+)'/g)]
        .map((match) => match[1]!)
        .filter((specifier) => specifier.includes('/src/') && !specifier.endsWith('/src/index.ts'))
        .map((specifier) => `${path}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('loads adapters from the CLI lazily, and from nowhere else in src/', () => {
    const staticAdapterImports = sourceFiles('src').filter((path) =>
      /^import [^;]*from '[^']*adapters\//m.test(read(path)),
    );
    expect(staticAdapterImports).toEqual([]);
    const anyAdapterMention = coreFiles.filter((path) => /adapters\//.test(read(path)));
    expect(anyAdapterMention.map((path) => relative(root, join(root, path)))).toEqual([]);
  });
});
