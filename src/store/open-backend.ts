import { StoreError } from '../errors.ts';
import { openMemoryBackend } from './memory-backend.ts';
import type { BackendOptions, StoreBackend } from './store-backend.ts';
import type { StoreLocation } from './store-url.ts';

/** Opens the engine the location names; drivers load lazily so SQLite users never load pg or redis. */
export async function openBackend(location: StoreLocation, options: BackendOptions): Promise<StoreBackend> {
  try {
    switch (location.kind) {
      case 'memory':
        return openMemoryBackend(options);
      case 'sqlite':
        return await (await import('./sqlite-backend.ts')).openSqliteBackend(location.path, options);
      case 'postgres':
        return await (await import('./postgres-backend.ts')).openPostgresBackend(location.url, options);
      case 'redis':
        return await (await import('./redis-backend.ts')).openRedisBackend(location.url, options);
    }
  } catch (error) {
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `Could not open the ${location.kind} store: ${describe(location)}.`,
      {
        cause: error,
      },
    );
  }
}

function describe(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `check that ${location.path} is writable`;
  if (location.kind === 'memory') return 'unexpected failure';
  return 'check that the server is running and STARCOACH_STORE_URL is right';
}
