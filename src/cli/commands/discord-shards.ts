import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config.ts';
import { systemClock } from '../../core/clock.ts';
import { createServerLogger, type ServerLogger } from '../../logging/server-logger.ts';
import { aggregatedMetrics, createManagerMetrics, metricsContentType } from '../../metrics/shard-metrics.ts';
import { createShardReadiness } from '../../sharding/readiness.ts';
import type { CliContext } from '../cli-context.ts';
import { openRuntime } from '../compose.ts';
import { startWebServer } from '../web-server.ts';
import { requireDiscord, waitForSignal } from './serve.ts';

/**
 * bin/starcoach, which each shard runs: it picks dist/ or the TypeScript sources through tsx itself,
 * so a shard runs the same code as the manager in a checkout and in a package alike.
 */
export function starcoachBin(): string {
  // From src/cli/commands/ (sources) or dist/src/cli/commands/ (built).
  for (const relative of ['../../../bin/starcoach', '../../../../bin/starcoach']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('bin/starcoach not found beside the sources; reinstall starcoach');
}

/** The manager's Node flags for its shards (heap sizes, a loader), without a debugger's port. */
export function shardExecArgv(execArgv: readonly string[]): string[] {
  return execArgv.filter((flag) => !/^--inspect/.test(flag));
}

/**
 * `starcoach discord --shards auto|N`: one process per shard (discord.js's ShardingManager), each a full
 * bot on the shared store. This process serves HTTP for all of them: `/healthz`, `/readyz` (every shard
 * up and connected) and `/metrics` (every shard's, each series labelled with its shard).
 */
export async function runShardManager(shards: 'auto' | number, context: CliContext): Promise<number> {
  const config = context.config;
  const discord = requireDiscord(config);
  const logger = createServerLogger(context.stderr, config.logLevel ?? 'info', undefined, {
    shard: 'manager',
  });
  const { fetchGatewayAdvice, spawnDelayMs, startShardFleet } = await import(
    '../../../adapters/discord/index.ts'
  );
  const advice = await fetchGatewayAdvice(discord.token, discord.apiUrl);
  const count = shards === 'auto' ? advice.shards : shards;
  const readiness = createShardReadiness(count);
  const metrics = createManagerMetrics();
  const fleet = startShardFleet({
    file: starcoachBin(),
    args: ['discord'],
    execArgv: shardExecArgv(process.execArgv),
    token: discord.token,
    count,
    delayMs: spawnDelayMs(advice.maxConcurrency),
    logger,
    onState(shard, state) {
      readiness.set(shard, state);
      metrics.shardUp.labels(String(shard)).set(state === 'ready' ? 1 : 0);
    },
    onRestart: (shard) => metrics.shardRestarts.labels(String(shard)).inc(),
  });
  const body = async () => aggregatedMetrics(metrics, config.metrics ? await fleet.metrics() : []);
  const server = await startManagerServer(config, logger, readiness, body);
  logger.info('http-listening', {
    port: server.port,
    paths: ['/healthz', '/readyz', '/metrics', ...(server.publicUrl ? ['/'] : [])],
    dashboard: server.publicUrl,
    shards: count,
    asked: shards,
  });
  return superviseFleet(fleet, readiness, server, logger, count);
}

async function superviseFleet(
  fleet: { spawn(): Promise<void>; stop(): Promise<void> },
  readiness: ReturnType<typeof createShardReadiness>,
  server: { close(): Promise<void> },
  logger: ServerLogger,
  count: number,
): Promise<number> {
  const started = systemClock.now();
  const failed = fleet.spawn().then(
    () => {
      logger.info('shards-ready', { shards: count, ms: systemClock.now() - started });
      return new Promise<never>(() => {});
    },
    (error: unknown) => error,
  );
  const outcome = await Promise.race([waitForSignal().then(() => null), failed]);
  readiness.stop();
  if (outcome !== null) {
    await server.close().catch(() => {});
    throw outcome;
  }
  logger.info('stopping', { note: 'each shard finishes the answers in flight, then exits' });
  await fleet.stop();
  await server.close().catch(() => {});
  logger.info('stopped');
  return 0;
}

/**
 * The one HTTP server for all shards. With STARCOACH_WEB_SECRET it serves the dashboard too, reading the
 * shared store through a runtime of its own (the shards' links point here); closing it closes that.
 */
async function startManagerServer(
  config: Config,
  logger: ServerLogger,
  readiness: ReturnType<typeof createShardReadiness>,
  body: () => Promise<string>,
): Promise<{ port: number; publicUrl: string | null; close(): Promise<void> }> {
  const metrics = { contentType: metricsContentType, body };
  const check = () => readiness.check();
  if (!config.web.secret) {
    const { startHttpServer } = await import('../../../adapters/web/index.ts');
    const server = await startHttpServer({ port: config.web.port, readiness: check, metrics });
    return { port: server.port, publicUrl: null, close: () => server.close() };
  }
  const runtime = await openRuntime(config, logger);
  const server = await startWebServer({
    web: config.web,
    coach: runtime.coach,
    logger,
    slack: null,
    links: null,
    metrics,
    readiness: check,
  });
  return {
    ...server,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}
