/**
 * Runs `task` over `items` with at most `limit` running at once, and returns the results in order.
 * Store reads for thousands of members go out in parallel without opening thousands at once.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Members read in one batch of store reads: a few round trips for thousands, bounded memory. */
export const memberBatchSize = 500;

/**
 * `read` over `items` a batch at a time, results in order: one batched store read per batch rather
 * than one per item, and never a whole workspace's records in flight at once.
 */
export async function mapBatched<T, R>(
  items: readonly T[],
  read: (batch: T[]) => Promise<R[]>,
  size = memberBatchSize,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await read(items.slice(start, start + size))));
  }
  return results;
}
