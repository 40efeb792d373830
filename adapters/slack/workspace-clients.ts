import type { webApi } from '@slack/bolt';
import { SlackNotInstalledError } from './installation-store.ts';

/** The bot token for a tenant (a workspace or org id); null when the app is not installed there. */
export type TokenSource = (tenant: string) => Promise<string | null>;

/** A Web API client speaking for one tenant's bot. */
export type ClientFor = (tenant: string) => Promise<webApi.WebClient>;

const clientLimit = 1_000;

/**
 * A Web API client per bot token, for work that starts outside an event (the daily drill, reminders):
 * events bring their own client from Bolt. A reinstall brings a new token and so a new client.
 */
export function createWorkspaceClients(
  tokens: TokenSource,
  makeClient: (token: string) => webApi.WebClient,
): ClientFor {
  const clients = new Map<string, webApi.WebClient>();
  return async (tenant) => {
    const token = await tokens(tenant);
    if (!token) throw new SlackNotInstalledError(tenant);
    const known = clients.get(token);
    if (known) return known;
    if (clients.size >= clientLimit) clients.clear();
    const client = makeClient(token);
    clients.set(token, client);
    return client;
  };
}
