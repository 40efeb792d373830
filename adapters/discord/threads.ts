import {
  ChannelType,
  type NewsChannel,
  PermissionFlagsBits,
  type PermissionsBitField,
  type TextChannel,
  ThreadAutoArchiveDuration,
  type ThreadChannel,
} from 'discord.js';
import type { Logger } from '../../src/index.ts';
import { apiErrorCode } from './api-errors.ts';

export type ThreadParent = TextChannel | NewsChannel;

export interface ThreadRequest {
  parent: ThreadParent;
  userId: string;
  name: string;
  /** What Discord says the bot may do in the channel (the interaction's `app_permissions`). */
  permissions: Readonly<PermissionsBitField>;
  logger: Logger;
}

// Discord's limit on a thread name.
const nameLimit = 100;

/** The channel a session's thread can be opened under: a text or announcement channel, else none. */
export function threadParentOf(channel: unknown): ThreadParent | null {
  const candidate = channel as { type?: ChannelType; isThread?: () => boolean; parent?: unknown } | null;
  if (!candidate?.isThread) return null;
  if (candidate.isThread()) return threadParentOf(candidate.parent ?? null);
  const type = candidate.type;
  return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement
    ? (candidate as ThreadParent)
    : null;
}

export function threadName(userName: string, title: string): string {
  return `${userName} · ${title}`.slice(0, nameLimit);
}

/**
 * Opens the session's thread: private (only the user and moderators see it) where the bot may, else
 * public; the user is added so it shows in their list. Null when neither works (missing permissions):
 * the session then stays in the channel.
 */
export async function openSessionThread(request: ThreadRequest): Promise<ThreadChannel | null> {
  for (const type of threadTypes(request)) {
    const thread = await tryCreate(request, type);
    if (!thread) continue;
    if (await addMember(thread, request)) return thread;
    // A private thread its user cannot join is invisible to them: drop it and try a public one.
    await thread.delete().catch((error: unknown) => {
      request.logger.warn('discord-thread-delete-failed', {
        thread: thread.id,
        code: apiErrorCode(error),
        error,
      });
    });
  }
  return null;
}

function threadTypes({ parent, permissions }: ThreadRequest) {
  const types: (ChannelType.PrivateThread | ChannelType.PublicThread)[] = [];
  const canPrivate = permissions.has(PermissionFlagsBits.CreatePrivateThreads);
  if (canPrivate && parent.type === ChannelType.GuildText) types.push(ChannelType.PrivateThread);
  if (permissions.has(PermissionFlagsBits.CreatePublicThreads)) types.push(ChannelType.PublicThread);
  return types;
}

async function tryCreate(request: ThreadRequest, type: ChannelType.PrivateThread | ChannelType.PublicThread) {
  const { parent, name, logger } = request;
  try {
    // An announcement channel makes an announcement thread whatever the type; the cast only merges types.
    const thread: ThreadChannel | null = await (parent as TextChannel).threads.create({
      name,
      type,
      ...(type === ChannelType.PrivateThread ? { invitable: false } : {}),
      // Sessions expire after 24 idle hours; the thread follows.
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
    });
    return thread ?? null;
  } catch (error) {
    logger.warn('discord-thread-create-failed', {
      channel: parent.id,
      type,
      code: apiErrorCode(error),
      error,
    });
    return null;
  }
}

async function addMember(thread: ThreadChannel, { userId, logger }: ThreadRequest): Promise<boolean> {
  try {
    await thread.members.add(userId);
    return true;
  } catch (error) {
    logger.warn('discord-thread-member-failed', { thread: thread.id, code: apiErrorCode(error), error });
    return thread.type !== ChannelType.PrivateThread;
  }
}
