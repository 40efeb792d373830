import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/** Discord's JSON error code (50013 Missing Permissions…), for logs and decisions; null for other errors. */
export function apiErrorCode(error: unknown): number | string | null {
  return error instanceof DiscordAPIError ? error.code : null;
}

/** The bot may not see or act in this channel: a reason to fall back, not a bug. */
export function isPermissionError(error: unknown): boolean {
  const code = apiErrorCode(error);
  return code === RESTJSONErrorCodes.MissingAccess || code === RESTJSONErrorCodes.MissingPermissions;
}
