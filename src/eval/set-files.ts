import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../package-root.ts';

/** The labelled set files (`*.json`) in a folder of the package, in name order: an eval's default input. */
export function setFilesIn(...folder: string[]): string[] {
  const dir = packagePath(...folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}
