// The web dashboard's surface: the link signer the core hands links out through, the app, the server.
export { createDashboardApp, type DashboardAppOptions } from './app.ts';
export { createLinkSigner, type LinkSignerOptions, linkValidityMs } from './link-token.ts';
export { type HttpServerOptions, type RunningHttpServer, startHttpServer } from './server.ts';
