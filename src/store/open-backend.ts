import { openMemoryBackend } from './memory-backend.ts';
import type { BackendOptions, StoreBackend } from './store-backend.ts';
import { StoreOpenTimeout, storeOpenError } from './store-fault.ts';
import type { StoreLocation } from './store-url.ts';

export const defaultConnectTimeoutMs = 5000;

/**
 * Opens the engine the location names, within the connect timeout: the drivers' own timeouts cover
 * the connection, but not every handshake (a Redis client talking to another service waits forever),
 * so the whole opening has a deadline. Drivers load lazily so SQLite users never load pg or redis.
 */
export async function openBackend(location: StoreLocation, options: BackendOptions): Promise<StoreBackend> {
  const timeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  let open: Opener;
  try {
    open = await loadEngine(location);
  } catch (error) {
    throw storeOpenError(location, error, timeoutMs);
  }
  // The deadline starts once the driver is loaded: loading is slow on a busy machine, and not the server's fault.
  const abort = new AbortController();
  const opening = open({ ...options, connectTimeoutMs: timeoutMs, signal: abort.signal });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new StoreOpenTimeout(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([opening, deadline]);
  } catch (error) {
    // A backend that opens after the deadline after all is closed, so it holds no socket or file.
    opening.then((late) => late.close()).catch(() => {});
    throw storeOpenError(location, error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

type Opener = (options: BackendOptions) => Promise<StoreBackend>;

async function loadEngine(location: StoreLocation): Promise<Opener> {
  switch (location.kind) {
    case 'memory':
      return async (options) => openMemoryBackend(options);
    case 'sqlite': {
      const { openSqliteBackend } = await import('./sqlite-backend.ts');
      return (options) => openSqliteBackend(location.path, options);
    }
    case 'postgres': {
      const { openPostgresBackend } = await import('./postgres-backend.ts');
      return (options) => openPostgresBackend(location.url, options);
    }
    case 'redis': {
      const { openRedisBackend } = await import('./redis-backend.ts');
      return (options) => openRedisBackend(location.url, options);
    }
  }
}
