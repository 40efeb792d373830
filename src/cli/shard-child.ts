import type { Metrics } from '../metrics/metrics.ts';
import { isShardMessage, type MetricsJson, type ShardMessage } from '../sharding/messages.ts';

/**
 * A shard's side of the IPC channel to `starcoach discord --shards`: it says when it is ready, answers
 * the manager's metrics requests (shards bind no port), and learns when to stop: on the manager's word,
 * or when the manager is gone (nobody would stop it otherwise).
 */
export function connectToManager(metrics: Metrics | null) {
  let stopRequested: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const send = (message: ShardMessage) => {
    if (process.connected) process.send?.(message);
  };
  const onMessage = (message: unknown) => {
    if (!isShardMessage(message)) return;
    if (message.starcoach === 'stop') stopRequested();
    if (message.starcoach === 'metrics-request') {
      const request = message.request;
      const read = metrics ? metrics.registry.getMetricsAsJSON() : Promise.resolve([]);
      void read.then(
        (json) => send({ starcoach: 'metrics', request, metrics: json as MetricsJson }),
        () => send({ starcoach: 'metrics', request, metrics: [] }),
      );
    }
  };
  process.on('message', onMessage);
  process.once('disconnect', () => stopRequested());
  return {
    ready: () => send({ starcoach: 'ready' }),
    stopped,
    /** Closes the channel: a process with it open never exits. */
    close() {
      process.off('message', onMessage);
      if (process.connected) process.disconnect();
    },
  };
}
