import type { MetricObjectWithValues, MetricValue } from 'prom-client';

export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/**
 * What the sharding manager and its shard processes say to each other over the IPC channel, beside
 * the Discord library's own messages (whose keys start with `_`): the `starcoach` key tells them apart.
 */
export type ShardMessage =
  /** Shard → manager: the bot is connected and its schedulers run; it may count as ready. */
  | { starcoach: 'ready' }
  /** Manager → shard: send your metrics (for `/metrics`), answering with the same `request`. */
  | { starcoach: 'metrics-request'; request: number }
  | { starcoach: 'metrics'; request: number; metrics: MetricsJson }
  /** Manager → shard: stop as on SIGTERM (finish answers in flight), then exit. */
  | { starcoach: 'stop' };

export function isShardMessage(value: unknown): value is ShardMessage {
  return typeof value === 'object' && value !== null && typeof (value as ShardMessage).starcoach === 'string';
}
