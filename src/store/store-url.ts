import { resolve } from 'node:path';
import { ConfigError } from '../errors.ts';

export type StoreLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'redis'; url: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'memory' };

export const defaultStoreUrl = 'sqlite://./data/starcoach.sqlite';

/**
 * Reads STARCOACH_STORE_URL. `new URL('sqlite://./data/x')` would take "." as the host and write under
 * the filesystem root, so the SQLite path is taken as written and resolved against the working directory.
 */
export function parseStoreUrl(url: string, cwd: string): StoreLocation {
  const trimmed = url.trim();
  if (trimmed.startsWith('sqlite://')) {
    const path = trimmed.slice('sqlite://'.length);
    if (path === '')
      throw storeUrlError(url, 'sqlite:// needs a file path, like sqlite://./data/starcoach.sqlite');
    return { kind: 'sqlite', path: resolve(cwd, path) };
  }
  if (trimmed.startsWith('redis://') || trimmed.startsWith('rediss://'))
    return { kind: 'redis', url: trimmed };
  if (trimmed.startsWith('postgres://') || trimmed.startsWith('postgresql://')) {
    return { kind: 'postgres', url: trimmed };
  }
  if (trimmed === 'memory://' || trimmed === 'memory:') return { kind: 'memory' };
  throw storeUrlError(url, 'use sqlite://PATH, redis://HOST:PORT, postgres://USER@HOST/DB or memory://');
}

function storeUrlError(url: string, hint: string): ConfigError {
  const scheme = url.split(':')[0] || '(empty)';
  return new ConfigError(
    'STORE_URL_INVALID',
    `STARCOACH_STORE_URL has an unsupported value (scheme "${scheme}"): ${hint}.`,
  );
}
