import { describe, expect, it } from 'vitest';
import { restartDelay } from '../../adapters/discord/sharding.ts';
import { shardPlan } from '../../src/cli/shard-flags.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { createShardReadiness } from '../../src/sharding/readiness.ts';

describe('shardPlan', () => {
  it('reads each way of running the Discord bot', () => {
    expect(shardPlan({})).toEqual({ kind: 'single' });
    expect(shardPlan({ shards: 'auto' })).toEqual({ kind: 'manager', shards: 'auto' });
    expect(shardPlan({ shards: '4' })).toEqual({ kind: 'manager', shards: 4 });
    expect(shardPlan({ 'shard-id': '0', 'shard-count': '1' })).toEqual({ kind: 'one', id: 0, count: 1 });
    expect(shardPlan({ 'shard-id': '3', 'shard-count': '4' })).toEqual({ kind: 'one', id: 3, count: 4 });
  });

  it.each([
    [{ 'shard-id': '0' }, '--shard-id and --shard-count go together'],
    [{ 'shard-count': '0' }, '--shard-id and --shard-count go together'],
    [{ 'shard-id': '4', 'shard-count': '4' }, 'numbered from 0 to 3 (got --shard-id 4)'],
    [{ 'shard-id': '-1', 'shard-count': '4' }, '--shard-id must be a whole number'],
    [{ 'shard-id': '0', 'shard-count': '0' }, '--shard-count must be a whole number from 1'],
    [{ shards: '0' }, '--shards must be a whole number from 1'],
    [{ shards: '2.0' }, '--shards must be a whole number from 1'],
    [{ shards: 'auto', 'shard-count': '2' }, 'Use one or the other'],
  ])('refuses %j', (values, message) => {
    expect(() => shardPlan(values)).toThrow(UsageError);
    expect(() => shardPlan(values)).toThrow(message);
  });
});

describe('the sharding manager’s readiness', () => {
  it('is ready only while every shard is, and never once stopping', async () => {
    const readiness = createShardReadiness(2);
    expect(await readiness.check()).toEqual({
      ready: false,
      checks: { platforms: '0/2 shards ready', 'shard-0': 'starting', 'shard-1': 'starting' },
    });
    readiness.set(0, 'ready');
    expect((await readiness.check()).ready).toBe(false);
    readiness.set(1, 'ready');
    expect(await readiness.check()).toMatchObject({ ready: true, checks: { platforms: '2/2 shards ready' } });
    readiness.set(1, 'down');
    expect((await readiness.check()).ready).toBe(false);
    readiness.set(1, 'ready');
    readiness.stop();
    expect(await readiness.check()).toMatchObject({ ready: false, checks: { platforms: 'stopping' } });
  });
});

describe('restarting a shard that died', () => {
  it('waits longer after each death in a row, up to a minute', () => {
    expect([1, 2, 3, 4, 7, 8, 30].map(restartDelay)).toEqual([
      1000, 2000, 4000, 8000, 60_000, 60_000, 60_000,
    ]);
  });
});
