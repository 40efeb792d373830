import { type BackupHeader, backupFormat, backupVersion } from './backup-format.ts';
import type { StoreBackend } from './store-backend.ts';

/**
 * The backup of a store, line by line (without newlines): header, every record, every set, end.
 * Lines are produced as the caller takes them, so memory holds one scan batch at a time.
 */
export async function* backupLines(
  backend: StoreBackend,
  options: { prefix: string; now: number },
): AsyncIterable<string> {
  const header: BackupHeader = {
    format: backupFormat,
    version: backupVersion,
    exportedAt: new Date(options.now).toISOString(),
    store: backend.kind,
    prefix: options.prefix,
  };
  yield JSON.stringify(header);
  let records = 0;
  for await (const record of backend.scanRecords()) {
    const data = parseData(record.data);
    if (data === undefined) continue;
    records += 1;
    yield JSON.stringify({
      type: 'record',
      namespace: record.namespace,
      key: record.key,
      version: record.version,
      data,
    });
  }
  let sets = 0;
  for await (const set of backend.scanSets()) {
    sets += 1;
    yield JSON.stringify({ type: 'set', set: set.set, members: set.members });
  }
  yield JSON.stringify({ type: 'end', records, sets });
}

/** Keyv's envelope as an object; a row that is not one (never written by starcoach) is left out. */
function parseData(data: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    // Not JSON: nothing starcoach could read back either, so it is not worth carrying over.
    return undefined;
  }
}
