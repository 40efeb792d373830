import type { SessionStore } from '../core/ports.ts';

export type Phase = 'starting' | 'ready' | 'stopping';

/**
 * `/readyz`: ready once every platform connected (the server only listens after that) and while the
 * store answers a read within `timeoutMs`; 503 from the moment a stop begins, so a load balancer or
 * Kubernetes drains the instance before it closes.
 */
export function createReadiness(store: SessionStore, timeoutMs = 2000) {
  const state: { phase: Phase } = { phase: 'starting' };
  async function storeCheck(): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    // A read of a record nobody writes: it reaches the database every time.
    const read = store.getTenantConfig('starcoach', 'readiness-probe').then(
      () => 'ok',
      () => 'unreachable',
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
    async check() {
      const storeState = await storeCheck();
      const platforms = state.phase === 'ready' ? 'connected' : state.phase;
      return {
        ready: state.phase === 'ready' && storeState === 'ok',
        checks: { platforms, store: storeState },
      };
    },
  };
}
