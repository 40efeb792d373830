import type { PairMessage, PairPlace, PairRooms } from '../../src/core/pairing/pair-rooms.ts';

/** The adapter side of peer sessions, recording what the core opened, posted and sent privately. */
export class RecordingRooms implements PairRooms {
  readonly platform: string;
  readonly opened: {
    tenant: string;
    cohort: string | null;
    channel: string | null;
    users: readonly [string, string];
    space: string;
  }[] = [];
  readonly posts: { space: string; message: PairMessage }[] = [];
  readonly privates: { space: string; user: string; message: PairMessage }[] = [];
  readonly notices: { user: string; message: PairMessage }[] = [];
  /** Set to make `open` fail, as a platform refusing the space would. */
  refuseOpen: Error | null = null;
  /** Shared by every instance, so spaces are unique across a test file. */
  static #spaces = 0;

  constructor(platform = 'slack') {
    this.platform = platform;
  }

  async open(tenant: string, where: PairPlace, users: readonly [string, string]): Promise<string> {
    if (this.refuseOpen) throw this.refuseOpen;
    const space = `space-${++RecordingRooms.#spaces}`;
    this.opened.push({ tenant, ...where, users, space });
    return space;
  }

  async post(_tenant: string, space: string, message: PairMessage): Promise<void> {
    this.posts.push({ space, message });
  }

  async sendPrivately(_tenant: string, space: string, user: string, message: PairMessage): Promise<void> {
    this.privates.push({ space, user, message });
  }

  async notify(_tenant: string, user: string, message: PairMessage): Promise<void> {
    this.notices.push({ user, message });
  }

  /** The newest message `user` was shown privately. */
  lastPrivate(user: string): PairMessage | undefined {
    return this.privates.filter((entry) => entry.user === user).at(-1)?.message;
  }
}
