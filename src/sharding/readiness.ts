export type ShardState = 'starting' | 'ready' | 'reconnecting' | 'down';

/**
 * The sharding manager's `/readyz`: ready only while every shard process is up and its bot connected.
 * A shard that died (and is being respawned), lost its gateway connection, or has not started yet makes
 * the whole bot unready, as does a stop in progress, so an orchestrator never sees a partial bot as fine.
 */
export function createShardReadiness(count: number) {
  const states: ShardState[] = Array.from({ length: count }, () => 'starting');
  let stopping = false;
  return {
    set(shard: number, state: ShardState) {
      if (shard >= 0 && shard < count) states[shard] = state;
    },
    stop() {
      stopping = true;
    },
    state(shard: number): ShardState | undefined {
      return states[shard];
    },
    async check() {
      const ready = states.filter((state) => state === 'ready').length;
      const checks: Record<string, string> = {
        platforms: stopping ? 'stopping' : `${ready}/${count} shards ready`,
      };
      states.forEach((state, shard) => {
        checks[`shard-${shard}`] = state;
      });
      return { ready: !stopping && ready === count, checks };
    },
  };
}

export type ShardReadiness = ReturnType<typeof createShardReadiness>;
