import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root, whatever the working directory. */
export const root = new URL('../..', import.meta.url).pathname;

/** Every `.ts` file under `dir` (relative to the root), as root-relative paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `[path, text]` for every `.ts` file under `dir`. */
export function readSources(dir: string): [path: string, text: string][] {
  return sourceFiles(dir).map((path) => [path, readFileSync(join(root, path), 'utf8')]);
}
