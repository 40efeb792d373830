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
