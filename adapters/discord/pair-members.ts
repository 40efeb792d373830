import { type Client, Events } from 'discord.js';
import type { Coach, Logger, PairRooms } from '../../src/index.ts';

interface PairMemberDeps {
  coach: Coach;
  logger: Logger;
  pairRooms: PairRooms;
}

/**
 * A member who leaves a peer session's thread, or the server, ends the session with a note to the
 * other. Discord sends both about other members only with the privileged Server Members intent;
 * without it the core's ten-minute idle end covers a member who left.
 */
export function followPairMembers(
  client: Client,
  deps: PairMemberDeps,
  track: (work: () => Promise<void>) => void,
): void {
  client.on(Events.ThreadMembersUpdate, (_added, removed, thread) => {
    for (const user of removed.keys()) {
      if (user === client.user?.id) continue;
      track(async () => {
        await deps.coach.pairing.sessions.left('discord', thread.guildId, thread.id, user, deps.pairRooms);
      });
    }
  });
  client.on(Events.GuildMemberRemove, (member) => {
    if (member.id === client.user?.id) return;
    const actor = { platform: 'discord', tenant: member.guild.id, user: member.id, roles: [] };
    track(async () => {
      await deps.coach.pairing.sessions.memberGone(actor, deps.pairRooms);
    });
  });
}
