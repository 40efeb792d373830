import type { RequestListener } from 'node:http';
import type { WebConfig } from '../config.ts';
import type { Coach } from '../core/coach.ts';
import type { DashboardLink, DashboardLinkSigner, DashboardViewer } from '../core/dashboard-types.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';

/**
 * The link signer the coach is built with, before the server listens: without STARCOACH_PUBLIC_URL the
 * links point at the port the server gets, known only once it listens (0 picks one).
 */
export function deferredLinkSigner(): DashboardLinkSigner & { set(signer: DashboardLinkSigner): void } {
  let signer: DashboardLinkSigner | null = null;
  return {
    set(next) {
      signer = next;
    },
    sign(viewer: DashboardViewer, now: number): DashboardLink {
      // Commands reach the coach only once the server listens or a platform connected, both after set().
      if (!signer) throw new Error('the dashboard is not listening yet');
      return signer.sign(viewer, now);
    },
  };
}

export interface MetricsBody {
  contentType: string;
  body(): Promise<string>;
}

function metricsBody(metrics: Metrics | MetricsBody): MetricsBody {
  if (!('registry' in metrics)) return metrics;
  return { contentType: metrics.registry.contentType, body: () => metrics.registry.metrics() };
}

/**
 * A shard under `starcoach discord --shards` binds no port: its dashboard links point at the manager's,
 * which serves the dashboard (STARCOACH_PUBLIC_URL, else localhost on STARCOACH_HTTP_PORT).
 */
export async function signLinksForManager(
  links: ReturnType<typeof deferredLinkSigner> | null,
  web: WebConfig,
): Promise<void> {
  if (!links || !web.secret) return;
  const { createLinkSigner } = await import('../../adapters/web/index.ts');
  links.set(createLinkSigner({ secret: web.secret, publicUrl: web.publicUrl }));
}

export interface WebServer {
  port: number;
  /** Where the links point, for the startup line. */
  publicUrl: string | null;
  close(): Promise<void>;
}

/**
 * The one HTTP server, in every mode: `/healthz` for container and load-balancer health checks, the
 * dashboard when STARCOACH_WEB_SECRET is set, and Slack's requests in HTTP mode. The dashboard app
 * loads only when it is on.
 */
export async function startWebServer(options: {
  web: WebConfig;
  coach: Coach;
  logger: Logger;
  slack: RequestListener | null;
  links: ReturnType<typeof deferredLinkSigner> | null;
  /** This process's metrics, or (the sharding manager) a body gathered from several processes. */
  metrics?: Metrics | MetricsBody | null;
  readiness?: () => Promise<{ ready: boolean; checks: Record<string, unknown> }>;
}): Promise<WebServer> {
  const { web, coach, logger, slack, links, metrics, readiness } = options;
  const { createDashboardApp, createLinkSigner, startHttpServer } = await import(
    '../../adapters/web/index.ts'
  );
  const secret = web.secret;
  const dashboard = secret
    ? createDashboardApp({
        reads: coach.dashboard,
        secret,
        publicUrl: web.publicUrl,
        clock: coach.clock,
        logger,
        trustProxy: web.trustProxy,
      })
    : undefined;
  const server = await startHttpServer({
    port: web.port,
    dashboard,
    ...(slack ? { slack } : {}),
    ...(readiness ? { readiness } : {}),
    ...(metrics ? { metrics: metricsBody(metrics) } : {}),
  });
  const publicUrl = web.publicUrlSet ? web.publicUrl : `http://localhost:${server.port}`;
  if (secret && links) links.set(createLinkSigner({ secret, publicUrl }));
  return { port: server.port, publicUrl: secret ? publicUrl : null, close: () => server.close() };
}
