import type { webApi } from '@slack/bolt';
import { type DirectMessage, type DirectMessenger, RateLimitedError } from '../../src/index.ts';
import type { ClientFor } from './workspace-clients.ts';

/** DM channels already opened, per user: conversations.open is rate-limited more tightly than posting. */
const maxCachedChannels = 50_000;

/**
 * Reminders and digests as direct messages: conversations.open for the user's DM with the bot, then
 * chat.postMessage there, by the workspace's own bot. Clients must be made with `rejectRateLimitedCalls:
 * true`, so a 429 comes back at once as a RateLimitedError with Slack's retry-after and the core's
 * sender owns the retry.
 */
export function createSlackDirectMessenger(clientFor: ClientFor): DirectMessenger {
  const channels = new Map<string, string>();

  async function dmChannel(client: webApi.WebClient, tenant: string, user: string): Promise<string> {
    const key = `${tenant}:${user}`;
    const known = channels.get(key);
    if (known) return known;
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open gave no channel');
    if (channels.size >= maxCachedChannels) channels.clear();
    channels.set(key, id);
    return id;
  }

  return {
    platform: 'slack',
    async sendDirect(tenant: string, user: string, message: DirectMessage): Promise<void> {
      try {
        const client = await clientFor(tenant);
        const channel = await dmChannel(client, tenant, user);
        await client.chat.postMessage({
          channel,
          text: message.text,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        throw rateLimitedOr(error);
      }
    },
  };
}

/** Slack's rate-limit rejection (retry-after in seconds) as the core's RateLimitedError; others as they are. */
function rateLimitedOr(error: unknown): unknown {
  const failure = error as { code?: unknown; retryAfter?: unknown };
  if (failure?.code !== 'slack_webapi_rate_limited_error') return error;
  const seconds = typeof failure.retryAfter === 'number' ? failure.retryAfter : 1;
  return new RateLimitedError(seconds * 1000, { cause: error });
}
