import { type Client, DiscordAPIError, RateLimitError } from 'discord.js';
import { type DirectMessage, type DirectMessenger, RateLimitedError, splitText } from '../../src/index.ts';

/** Discord's cap on a message's content. */
const contentLimit = 2000;

/**
 * Reminders and digests as direct messages: the user's DM channel with the bot (POST
 * /users/@me/channels, cached by discord.js), then a message there. discord.js's REST waits out a 429
 * itself for the retry-after Discord gives; only when it is told to reject rate-limited calls does one
 * come back, and then as the core's RateLimitedError.
 */
export function createDiscordDirectMessenger(client: Client): DirectMessenger {
  return {
    platform: 'discord',
    async sendDirect(_tenant: string, user: string, message: DirectMessage): Promise<void> {
      try {
        const channel = await client.users.createDM(user);
        for (const content of splitText(message.text, contentLimit)) {
          await channel.send({ content, allowedMentions: { parse: [] } });
        }
      } catch (error) {
        throw rateLimitedOr(error);
      }
    },
  };
}

function rateLimitedOr(error: unknown): unknown {
  if (error instanceof RateLimitError) return new RateLimitedError(error.retryAfter, { cause: error });
  if (error instanceof DiscordAPIError && error.status === 429)
    return new RateLimitedError(1000, { cause: error });
  return error;
}
