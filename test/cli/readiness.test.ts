import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReadiness } from '../../src/cli/readiness.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';

describe('/readyz', () => {
  it('is ready only between start and stop, and only while the store answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-ready-'));
    const store = await CoachStore.open({
      url: `sqlite://${join(dir, 'ready.sqlite')}`,
      cwd: dir,
      clock: new ManualClock(),
    });
    const readiness = createReadiness(store, 500);
    expect(await readiness.check()).toEqual({ ready: false, checks: { platforms: 'starting', store: 'ok' } });
    readiness.set('ready');
    expect(await readiness.check()).toEqual({ ready: true, checks: { platforms: 'connected', store: 'ok' } });
    readiness.set('stopping');
    expect((await readiness.check()).ready).toBe(false);
    readiness.set('ready');
    await store.close();
    expect(await readiness.check()).toEqual({
      ready: false,
      checks: { platforms: 'connected', store: 'unreachable' },
    });
  });

  it('follows platform connections: 503 while one reconnects, ready again once it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-ready-'));
    const store = await CoachStore.open({
      url: `sqlite://${join(dir, 'ready.sqlite')}`,
      cwd: dir,
      clock: new ManualClock(),
    });
    const discord = { up: true };
    const readiness = createReadiness(store, 500);
    readiness.watch({ name: 'slack', connected: () => true });
    readiness.watch({ name: 'discord', connected: () => discord.up });
    readiness.set('ready');
    expect((await readiness.check()).ready).toBe(true);
    discord.up = false;
    expect(await readiness.check()).toEqual({
      ready: false,
      checks: { platforms: 'disconnected', store: 'ok', disconnected: ['discord'] },
    });
    discord.up = true;
    expect(await readiness.check()).toEqual({ ready: true, checks: { platforms: 'connected', store: 'ok' } });
    await store.close();
  });
});
