import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding starcoach's package.json, found by walking up from this file, so `content/` and
 * `prompts/` resolve the same from the TypeScript sources and from the compiled `dist/`.
 */
function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'starcoach') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`starcoach's package.json was not found above ${start}`);
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export function packagePath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}
