import type { SessionStore } from '../core/ports.ts';

export type Phase = 'starting' | 'ready' | 'stopping';

/** A platform connection `/readyz` follows: Slack's Socket Mode, Discord's gateway. */
export interface Connection {
  name: string;
  connected(): boolean;
}

export interface ReadinessReport {
  ready: boolean;
  checks: {
    /** connected, or starting / stopping, or disconnected while a platform reconnects. */
    platforms: 'connected' | 'disconnected' | Phase;
    store: 'ok' | 'timeout' | 'unreachable';
    /** The platforms not connected now, when `platforms` is disconnected. */
    disconnected?: string[];
  };
}

/**
 * `/readyz`: ready once every platform connected (the server only listens after that), while every
 * platform connection stays up and the store answers a read within `timeoutMs`; 503 while a platform
 * reconnects and from the moment a stop begins, so a load balancer or Kubernetes drains the instance.
 */
export function createReadiness(store: SessionStore, timeoutMs = 2000) {
  const state: { phase: Phase } = { phase: 'starting' };
  const connections: Connection[] = [];
  async function storeCheck(): Promise<ReadinessReport['checks']['store']> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    // A read of a record nobody writes: it reaches the database every time.
    const read = store.getTenantConfig('starcoach', 'readiness-probe').then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    set(phase: Phase) {
      state.phase = phase;
    },
    /** Follows a platform's connection from now on. */
    watch(connection: Connection) {
      connections.push(connection);
    },
    async check(): Promise<ReadinessReport> {
      const storeState = await storeCheck();
      const down = connections.filter((connection) => !connection.connected()).map(({ name }) => name);
      const platforms = state.phase !== 'ready' ? state.phase : down.length ? 'disconnected' : 'connected';
      return {
        ready: platforms === 'connected' && storeState === 'ok',
        checks: { platforms, store: storeState, ...(down.length ? { disconnected: down } : {}) },
      };
    },
  };
}
