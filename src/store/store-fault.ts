import { errorMessage, StoreError } from '../errors.ts';
import type { StoreLocation } from './store-url.ts';

/** Opening took longer than the connect timeout: nothing answered, or not like the store would. */
export class StoreOpenTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

const engineName = { redis: 'Redis', postgres: 'PostgreSQL', sqlite: 'SQLite', memory: 'memory' } as const;
const defaultPort = { redis: 6379, postgres: 5432 } as const;

/**
 * Why the store could not be opened, and what to do about it, in words for the operator. The URL is
 * shown without its user and password, and the driver's own words (which may quote the URL) have the
 * password masked.
 */
export function storeOpenError(location: StoreLocation, error: unknown, timeoutMs: number): StoreError {
  const where = location.kind === 'sqlite' ? location.path : safeAddress(location);
  const reason =
    location.kind === 'sqlite'
      ? sqliteReason(location.path, error)
      : location.kind === 'memory'
        ? errorMessage(error)
        : serverReason(location, error, timeoutMs);
  return new StoreError(
    'STORE_UNAVAILABLE',
    mask(`Could not open the ${engineName[location.kind]} store at ${where}: ${reason}`, location),
    { cause: error },
  );
}

function serverReason(
  location: Extract<StoreLocation, { url: string }>,
  error: unknown,
  timeoutMs: number,
): string {
  const engine = engineName[location.kind];
  const hostPort = hostAndPort(location);
  const code = errorCode(error);
  const message = errorMessage(error);
  // The drivers' own connect timeouts say the same as ours, in their words.
  if (error instanceof StoreOpenTimeout || /timeout/i.test(message))
    return `no answer within ${timeoutMs} ms. Check that a ${engine} server runs at ${hostPort} (host and port in STARCOACH_STORE_URL); on a slow network, raise STARCOACH_STORE_CONNECT_TIMEOUT_MS.`;
  if (code === 'ECONNREFUSED')
    return `the connection to ${hostPort} was refused. Is the ${engine} server running? Check the host and port in STARCOACH_STORE_URL.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `the host of ${hostPort} was not found. Check the host in STARCOACH_STORE_URL.`;
  if (code === '28P01' || code === '28000' || /WRONGPASS|NOAUTH|\bAUTH\b/.test(message))
    return `the server did not accept the user name or password. Check the credentials in STARCOACH_STORE_URL.`;
  if (code === '3D000') {
    const database = databaseName(location);
    return `database "${database}" does not exist. Create it (createdb ${database}) or fix the database name in STARCOACH_STORE_URL.`;
  }
  if (isWrongProtocol(error))
    return `the server at ${hostPort} closed the connection or answered in another protocol: is it a ${engine} server? Check the port in STARCOACH_STORE_URL (${engine} listens on ${defaultPort[location.kind]} by default).`;
  return `${message}. Check that the ${engine} server is running and that STARCOACH_STORE_URL is right.`;
}

function isWrongProtocol(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  const message = errorMessage(error);
  return (
    name === 'SocketClosedUnexpectedlyError' ||
    /closed unexpectedly|terminated unexpectedly|ECONNRESET|EPIPE|protocol|invalid response|parser/i.test(
      message,
    ) ||
    ['ECONNRESET', 'EPIPE'].includes(errorCode(error) ?? '')
  );
}

function sqliteReason(path: string, error: unknown): string {
  const code = errorCode(error);
  const said = code ? ` (${code})` : '';
  if (code === 'SQLITE_NOTADB')
    return `the file is not an SQLite database${said}. Point STARCOACH_STORE_URL at another file.`;
  return `cannot create or write the file${said}. Check that ${path} is a file (or a new name) in a folder you may write to, or point STARCOACH_STORE_URL elsewhere.`;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function parseUrl(location: Extract<StoreLocation, { url: string }>): URL | null {
  try {
    return new URL(location.url);
  } catch {
    return null;
  }
}

/** The URL without user and password. */
function safeAddress(location: Extract<StoreLocation, { url: string }> | { kind: 'memory' }): string {
  if (location.kind === 'memory') return 'memory://';
  const url = parseUrl(location);
  return url ? `${url.protocol}//${url.host}${url.pathname}` : 'STARCOACH_STORE_URL';
}

function hostAndPort(location: Extract<StoreLocation, { url: string }>): string {
  const url = parseUrl(location);
  if (!url) return 'the address in STARCOACH_STORE_URL';
  return `${url.hostname || 'localhost'}:${url.port || defaultPort[location.kind]}`;
}

function databaseName(location: Extract<StoreLocation, { url: string }>): string {
  const url = parseUrl(location);
  return decodeURIComponent(url?.pathname.slice(1) ?? '') || decodeURIComponent(url?.username ?? '');
}

/** Masks the password wherever the driver's words quoted it, raw or percent-decoded. */
function mask(text: string, location: StoreLocation): string {
  if (location.kind !== 'redis' && location.kind !== 'postgres') return text;
  const password = parseUrl(location)?.password;
  if (!password) return text;
  let masked = text;
  for (const secret of new Set([password, safeDecode(password)]))
    if (secret) masked = masked.split(secret).join('***');
  return masked;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
