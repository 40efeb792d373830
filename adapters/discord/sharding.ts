import type { ChildProcess } from 'node:child_process';
import {
  DiscordAPIError,
  REST,
  type RESTGetAPIGatewayBotResult,
  Routes,
  type Shard,
  ShardingManager,
} from 'discord.js';
import type { Logger, MetricsJson, ShardMessage, ShardState } from '../../src/index.ts';
import { ConfigError, isShardMessage, StarcoachError } from '../../src/index.ts';

/** Discord lets a bot start one session per `max_concurrency` in each 5 s; a margin on top. */
const identifyWindowMs = 5500;
/** A shard that keeps dying (its store down, say) is started again after 1 s, 2 s, 4 s … up to a minute. */
const restartDelayMs = { first: 1000, max: 60_000 };
/** How long a shard may take from its process starting to its bot connected. */
const readyTimeoutMs = 60_000;

/** The wait before starting a shard again after `failures` deaths in a row. */
export function restartDelay(failures: number): number {
  return Math.min(restartDelayMs.max, restartDelayMs.first * 2 ** Math.max(0, failures - 1));
}

export interface GatewayAdvice {
  /** The shard count Discord recommends for the bot's servers. */
  shards: number;
  /** Sessions that may start at once, per identify window. */
  maxConcurrency: number;
}

/**
 * GET /gateway/bot on the configured API (discord.js's own "auto" always asks discord.com, so a REST
 * proxy or the test fake would be bypassed).
 */
export async function fetchGatewayAdvice(token: string, apiUrl?: string): Promise<GatewayAdvice> {
  const rest = new REST({ ...(apiUrl ? { api: apiUrl } : {}), retries: 1 }).setToken(token);
  try {
    const data = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return { shards: data.shards, maxConcurrency: data.session_start_limit.max_concurrency };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      throw new ConfigError(
        'DISCORD_TOKEN_INVALID',
        'Discord rejected DISCORD_TOKEN. Copy the bot token again (Developer Portal → Bot → Reset Token).',
      );
    }
    throw error;
  }
}

/** How long to wait between starting shards so their sessions stay within Discord's identify limit. */
export function spawnDelayMs(maxConcurrency: number): number {
  return Math.ceil(identifyWindowMs / Math.max(1, maxConcurrency));
}

export interface ShardFleetOptions {
  /** The executable each shard runs (bin/starcoach), with `args`. */
  file: string;
  args: string[];
  execArgv: string[];
  token: string;
  count: number;
  delayMs: number;
  logger: Logger & { info(event: string, fields?: Record<string, unknown>): void };
  onState(shard: number, state: ShardState): void;
  onRestart(shard: number): void;
  /** How long a shard may take to stop (finishing answers in flight) before it is killed. */
  stopTimeoutMs?: number;
}

/**
 * One process per shard through discord.js's ShardingManager ('process' mode): each is a full bot on
 * the shared store; a shard that exits is started again. Reports each shard's state as it changes.
 */
export function startShardFleet(options: ShardFleetOptions) {
  const { logger } = options;
  const manager = new ShardingManager(options.file, {
    totalShards: options.count,
    mode: 'process',
    shardArgs: options.args,
    execArgv: options.execArgv,
    token: options.token,
    // Restarts are ours, with a growing delay: the manager's own restart is immediate and endless.
    respawn: false,
  });
  let stopping = false;
  /** Set once every shard has started: a death before then fails the start instead. */
  let running = false;
  const restarts = new Set<NodeJS.Timeout>();
  let spawning: Promise<void> = Promise.resolve();
  let request = 0;
  /** Shards whose bot said it is up: only they listen for the stop message. */
  const listening = new Set<number>();
  const pending = new Map<number, (metrics: MetricsJson) => void>();

  manager.on('shardCreate', (shard) => watch(shard));

  function watch(shard: Shard) {
    const id = shard.id;
    let started = false;
    let failures = 0;
    const set = (state: ShardState) => options.onState(id, state);
    // 'process' mode: the shard is always a ChildProcess.
    shard.on('spawn', (child) => {
      started = false;
      listening.delete(id);
      set('starting');
      logger.info('shard-spawned', { shard: id, pid: (child as ChildProcess).pid });
    });
    shard.on('death', (child) => {
      set('down');
      if (stopping || !running) return;
      failures += 1;
      const delayMs = restartDelay(failures);
      const code = (child as ChildProcess).exitCode;
      logger.error('shard-died', { shard: id, code, restartInMs: delayMs });
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (stopping) return;
        options.onRestart(id);
        // A shard that dies again before it is ready is handled by this listener again.
        shard.spawn(readyTimeoutMs).catch(() => {});
      }, delayMs);
      restarts.add(timer);
    });
    shard.on('disconnect', () => set('reconnecting'));
    shard.on('reconnecting', () => set('reconnecting'));
    shard.on('resume', () => started && set('ready'));
    shard.on('ready', () => started && set('ready'));
    shard.on('error', (error: unknown) => logger.error('shard-error', { shard: id, error }));
    shard.on('message', (message: unknown) => {
      if (!isShardMessage(message)) return;
      if (message.starcoach === 'ready') {
        started = true;
        failures = 0;
        listening.add(id);
        set('ready');
        logger.info('shard-ready', { shard: id });
      }
      if (message.starcoach === 'metrics') pending.get(message.request)?.(message.metrics);
    });
  }

  /** Each live shard's metrics; a shard that does not answer within `timeoutMs` is left out. */
  async function metrics(timeoutMs = 2000): Promise<MetricsJson[]> {
    const live = [...manager.shards.values()].filter((shard) => shard.process?.connected);
    const answers = await Promise.all(live.map((shard) => askMetrics(shard, timeoutMs)));
    return answers.filter((answer): answer is MetricsJson => answer !== null);
  }

  function askMetrics(shard: Shard, timeoutMs: number): Promise<MetricsJson | null> {
    const id = ++request;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (value: MetricsJson | null) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(value);
      };
      pending.set(id, finish);
      const ask: ShardMessage = { starcoach: 'metrics-request', request: id };
      shard.send(ask).catch(() => finish(null));
    });
  }

  /** Asks every shard to stop as on SIGTERM, and waits for each to exit (killing one that hangs). */
  async function stop(): Promise<void> {
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    await stopAll();
    // A stop while shards are still being started: the manager may start one more after its delay.
    await spawning.catch(() => {});
    await stopAll();
  }

  const stopAll = () => Promise.all([...manager.shards.values()].map((shard) => stopShard(shard)));

  async function stopShard(shard: Shard): Promise<void> {
    const child = shard.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // One still starting has nothing in flight, and would not hear the message yet: a signal ends it.
    if (listening.has(shard.id)) {
      const stopMessage: ShardMessage = { starcoach: 'stop' };
      shard.send(stopMessage).catch(() => child.kill('SIGTERM'));
    } else child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.stopTimeoutMs ?? 20_000);
    });
    if ((await Promise.race([exited, late])) === 'late') {
      logger.warn('shard-stop-timed-out', { shard: shard.id, note: 'killed' });
      child.kill('SIGKILL');
      await exited;
    }
    clearTimeout(timer);
  }

  /** Starts the shards one after another; rejects (having stopped them) if one cannot start. */
  async function spawn(): Promise<void> {
    const started = manager.spawn({ amount: options.count, delay: options.delayMs, timeout: readyTimeoutMs });
    spawning = started.then(() => {});
    try {
      await spawning;
      running = true;
    } catch (error) {
      // Stopped while starting: the shards died because they were told to.
      if (stopping) return;
      await stop();
      throw new StarcoachError(
        'DISCORD_SHARD_FAILED',
        'A shard could not start (its own log lines above say why); the others were stopped.',
        { cause: error },
      );
    }
  }

  return { spawn, metrics, stop };
}

export type ShardFleet = ReturnType<typeof startShardFleet>;
