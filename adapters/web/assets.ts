import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * The dashboard's own CSS and script, read once when this module loads and served from memory. Their
 * URLs carry a hash of their content, so browsers may cache them for a year: a new version is a new URL.
 */
export interface Asset {
  body: string;
  contentType: string;
}

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

export const assetCacheControl = 'public, max-age=31536000, immutable';

/**
 * The folder with the files: beside this module, from the sources and from dist/ (the build copies
 * them there: the package ships dist/ alone); a dist/ built by tsc alone falls back to the sources'.
 */
function assetFolder(): URL {
  const beside = new URL('./assets/', import.meta.url);
  if (existsSync(new URL('dashboard.css', beside))) return beside;
  return new URL('../../../adapters/web/assets/', import.meta.url);
}

function load(): { byPath: Map<string, Asset>; paths: { css: string; js: string } } {
  const folder = assetFolder();
  const byPath = new Map<string, Asset>();
  const paths = { css: '', js: '' };
  for (const kind of ['css', 'js'] as const) {
    const body = readFileSync(new URL(`dashboard.${kind}`, folder), 'utf8');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const path = `/assets/dashboard.${hash}.${kind}`;
    byPath.set(path, { body, contentType: types[kind]! });
    paths[kind] = path;
  }
  return { byPath, paths };
}

const loaded = load();

/** Asset by URL path (`/assets/dashboard.<hash>.css`). */
export const assets: ReadonlyMap<string, Asset> = loaded.byPath;

/** The URL paths the pages link to. */
export const assetPaths: Readonly<{ css: string; js: string }> = loaded.paths;
