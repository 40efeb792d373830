import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server';

export interface HttpServerOptions {
  /** STARCOACH_HTTP_PORT; 0 picks a free port (tests). */
  port: number;
  /** Every interface (IPv6 and IPv4) unless given; 127.0.0.1 keeps it to a reverse proxy on the same host. */
  host?: string;
  /** The dashboard app (createDashboardApp); without it, only Slack's paths are served. */
  dashboard?: {
    fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;
  };
  /** Bolt HTTPReceiver's `requestListener`, for Slack in HTTP mode. */
  slack?: RequestListener;
  /** Prometheus' text format at `/metrics`, when metrics are on. */
  metrics?: { contentType: string; body(): Promise<string> };
  /** `/readyz`: whether this instance should get traffic now, with each check's result. */
  readiness?: () => Promise<{ ready: boolean; checks: Record<string, unknown> }>;
}

export interface RunningHttpServer {
  port: number;
  close(): Promise<void>;
}

/** Paths Slack's receiver owns: its events, commands and interactivity, and its health check. */
export function isSlackPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!;
  return path.startsWith('/slack/') || path === '/healthz';
}

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0]!;
}

function isHealthCheck(url: string | undefined): boolean {
  return pathOf(url) === '/healthz';
}

/**
 * One HTTP server for the bot: Slack's paths to Slack's receiver when Slack runs in HTTP mode, and
 * everything else to the dashboard, so one port serves both (issue 14).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const dashboard = options.dashboard
    ? getRequestListener(options.dashboard.fetch, { overrideGlobalObjects: false })
    : null;
  const { slack, metrics, readiness } = options;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (slack && isSlackPath(request.url)) return void slack(request, response);
    if (readiness && pathOf(request.url) === '/readyz') {
      return void readiness().then(
        ({ ready, checks }) =>
          response
            .writeHead(ready ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
            .end(JSON.stringify({ ready, checks })),
        () => response.writeHead(503, { 'Content-Type': 'application/json' }).end('{"ready":false}'),
      );
    }
    if (metrics && pathOf(request.url) === '/metrics' && request.method === 'GET') {
      return void metrics.body().then(
        (body) =>
          response
            .writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' })
            .end(body),
        () =>
          response
            .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
            .end('metrics unavailable\n'),
      );
    }
    // Without Slack (Discord or Socket Mode) the load balancer's health check is answered here.
    if (isHealthCheck(request.url)) {
      return void response
        .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
        .end('{"ok":true}');
    }
    if (dashboard) return void dashboard(request, response);
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, ...(options.host ? { host: options.host } : {}) }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from browsers would hold close() open until they time out.
        server.closeIdleConnections();
      }),
  };
}
