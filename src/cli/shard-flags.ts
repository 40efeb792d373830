import { parseCount } from './parse-flags.ts';
import { UsageError } from './usage-error.ts';

/** Discord's own ceiling is far lower for any real bot; this only catches typos. */
const maxShards = 10_000;

/** How `starcoach discord` runs: one unsharded bot, every shard here, or one shard of many. */
export type ShardPlan =
  | { kind: 'single' }
  | { kind: 'manager'; shards: 'auto' | number }
  | { kind: 'one'; id: number; count: number };

/** The sharding flags as given (strings, as parseArgs returns them), checked against each other. */
export function shardPlan(values: {
  shards?: string;
  'shard-id'?: string;
  'shard-count'?: string;
}): ShardPlan {
  const { shards } = values;
  const id = values['shard-id'];
  const count = values['shard-count'];
  if (shards !== undefined && (id !== undefined || count !== undefined)) {
    throw new UsageError(
      '--shards runs every shard in this process tree; --shard-id and --shard-count run one shard ' +
        '(one per container). Use one or the other.',
    );
  }
  if (shards !== undefined) {
    if (shards === 'auto') return { kind: 'manager', shards };
    return { kind: 'manager', shards: parseCount('shards', shards, { min: 1, max: maxShards, example: 2 })! };
  }
  if (id === undefined && count === undefined) return { kind: 'single' };
  if (id === undefined || count === undefined) {
    throw new UsageError(
      '--shard-id and --shard-count go together: the shard to run and how many there are in all, ' +
        'like --shard-id 0 --shard-count 2.',
    );
  }
  const total = parseCount('shard-count', count, { min: 1, max: maxShards, example: 2 })!;
  const shard = parseCount('shard-id', id, { min: 0, max: maxShards - 1, example: 0 })!;
  if (shard >= total) {
    throw new UsageError(
      `--shard-id must be below --shard-count: shards are numbered from 0 to ${total - 1} (got --shard-id ${shard}).`,
    );
  }
  return { kind: 'one', id: shard, count: total };
}
