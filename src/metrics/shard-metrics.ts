import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { MetricsJson } from '../sharding/messages.ts';

/**
 * The sharding manager's own metrics: its process (labelled `shard="manager"`) and each shard's state.
 * Shards label theirs with their number (`setDefaultLabels`), so after aggregation every series says
 * which process it counts and nothing from two shards is summed into one.
 */
export function createManagerMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ shard: 'manager' });
  collectDefaultMetrics({ register: registry, prefix: 'starcoach_' });
  const registers = [registry];
  return {
    registry,
    shardUp: new Gauge({
      name: 'starcoach_shard_up',
      help: 'Whether each shard is running with its bot connected (1) or not (0), by shard.',
      labelNames: ['shard_id'] as const,
      registers,
    }),
    shardRestarts: new Counter({
      name: 'starcoach_shard_restarts_total',
      help: 'Shard processes that exited and were started again, by shard.',
      labelNames: ['shard_id'] as const,
      registers,
    }),
  };
}

export type ManagerMetrics = ReturnType<typeof createManagerMetrics>;

/**
 * `/metrics` for the whole bot: the manager's metrics and every shard's that answered, in Prometheus'
 * text format. A shard that is down is missing from the scrape (and `starcoach_shard_up` says so).
 */
export async function aggregatedMetrics(manager: ManagerMetrics, shards: MetricsJson[]): Promise<string> {
  const own = (await manager.registry.getMetricsAsJSON()) as MetricsJson;
  return AggregatorRegistry.aggregate([own, ...shards]).metrics();
}

export const metricsContentType = Registry.PROMETHEUS_CONTENT_TYPE;
