import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const product = ['src', 'adapters'];

/**
 * `npm run build` compiles what ships in `dist/` (and what `bin/starcoach` runs): the product, never a
 * test fake. The bench compiles itself, with the fakes it runs against, to `dist-bench/`.
 */
describe('the build', () => {
  it('starts from src and adapters alone', () => {
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
    expect(config.include).toEqual(product);
    expect(config.compilerOptions.outDir).toBe('dist');
  });

  it('pulls in nothing from test/ or bench/ through an import', () => {
    const outside: string[] = [];
    for (const path of product.flatMap(sourceFiles)) {
      const text = readFileSync(join(root, path), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = normalize(join(dirname(path), specifier!));
        if (!product.some((dir) => target.startsWith(`${dir}/`)))
          outside.push(`${path} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('keeps the bench in its own output', () => {
    const config = JSON.parse(readFileSync(join(root, 'tsconfig.bench.json'), 'utf8'));
    expect(config.compilerOptions.outDir).not.toBe('dist');
  });
});
