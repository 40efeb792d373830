/**
 * A local Discord for tests and the bench: REST (`node:http`, JSON) and the gateway (`ws`) on one
 * 127.0.0.1 port, enough for the real discord.js Client (see /work/shared/notes/stack.md, Discord).
 * It records every REST call, keeps the messages and threads it was asked to make, enforces the
 * intents sent in IDENTIFY (no MESSAGE_CREATE without GuildMessages, no `content` without
 * MessageContent; no other member's THREAD_MEMBERS_UPDATE without GuildMembers), always ACKs heartbeats,
 * and can be scripted to fail a route with a Discord error. It keeps who is in each thread, the bot's
 * reactions, and refuses direct messages to users in `closedDms` (50007).
 * Files members attach (recordings, screenshots) are served from a CDN-like `/attachments/…` path on the
 * same port, and their downloads are recorded like REST calls.
 * Routing is on the path only. Destroy the client before closing the fake.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type WebSocket, WebSocketServer } from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: payloads are whatever discord.js sent or expects
type Json = any;

export interface RestCall {
  method: string;
  /** Without `/api/v10` and without the query. */
  path: string;
  query: string;
  body: Json;
  /** Files sent as multipart/form-data (`files[n]` parts), with their bytes. */
  files: { name: string; filename: string; contentType: string; bytes: Buffer }[];
  at: number;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  code: number;
  times: number;
  /** Seconds, sent as Retry-After and retry_after on a 429. */
  retryAfter?: number;
}

export interface InteractionOptions {
  user?: FakeUser;
  channelId?: string;
  /** The member's permissions bitfield as Discord sends it; "0" is a plain member. */
  memberPermissions?: string;
  appPermissions?: string;
  /** Reuse an id to deliver the same interaction twice. */
  id?: string;
  /** In the user's DM with the bot instead of the server. */
  dm?: boolean;
  /** The member's role ids (in the server). */
  roles?: string[];
}

const intentBits = { GuildMembers: 1 << 1, GuildMessages: 1 << 9, MessageContent: 1 << 15 };
/** MessageFlags.IsVoiceMessage. */
export const voiceMessageFlag = 1 << 13;

/** A file a member attached, as Discord describes it; the fake serves `bytes` at its `url`. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  duration_secs?: number;
  waveform?: string;
}

export interface AttachmentOptions {
  contentType?: string;
  /** The size Discord announces (default: the bytes' length), e.g. more than it serves. */
  size?: number;
  /** Voice messages (and only they) carry these. */
  durationSecs?: number;
  waveform?: string;
}
// View Channel, Send Messages, Send Messages in Threads, Create Public/Private Threads, Manage Threads,
// Embed Links, Read Message History: what the README asks server admins to grant.
export const botPermissions = String(
  (1n << 10n) |
    (1n << 11n) |
    (1n << 38n) |
    (1n << 35n) |
    (1n << 36n) |
    (1n << 34n) |
    (1n << 14n) |
    (1n << 16n),
);
export const manageGuild = String(1n << 5n);
const discordEpoch = 1420070400000n;

export class FakeDiscord {
  readonly calls: RestCall[] = [];
  readonly messages = new Map<string, Json>();
  readonly channels = new Map<string, Json>();
  /** When each interaction was put on the gateway, and when its first callback arrived (performance.now()). */
  readonly sentAt = new Map<string, number>();
  readonly callbackAt = new Map<string, number>();
  identify: Json = null;
  /** RESUME (op 6) handshakes seen: reconnects that kept the session. */
  resumes = 0;
  /** False: asking for Message Content closes the connection with 4014, as for an unapproved bot. */
  privilegedIntentsAllowed = true;
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly bot: FakeUser;
  readonly owner: FakeUser;
  readonly other: FakeUser;
  /** A server role besides @everyone, e.g. to configure as the instructor role. */
  readonly instructorRoleId: string;
  /** What `/gateway/bot` advertises; each connection's IDENTIFY says which shard it is. */
  shardCount = 1;
  /** `/gateway/bot`'s `max_concurrency`: how many sessions may start at once. */
  maxConcurrency = 1;
  /** Every IDENTIFY seen, in order (`identify` is the last). */
  readonly identifies: Json[] = [];
  /** Who is in each thread (user ids), as PUT and DELETE `/channels/:thread/thread-members/:user` left it. */
  readonly threadMembers = new Map<string, Set<string>>();
  /** The bot's reactions by message id (emoji names). */
  readonly reactions = new Map<string, string[]>();
  /** Users who take no direct messages from server members: a message to their DM fails with 50007. */
  readonly closedDms = new Set<string>();
  /** The servers the bot is in, by id: the fake's own (`guildId`) and those added. */
  readonly guilds = new Map<string, { name: string }>();
  #counter = 0;
  #seq = 0;
  #failures: Failure[] = [];
  #interactions = new Map<string, { id: string; channelId: string; original: string | null }>();
  #files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  #attachments = new Map<string, FakeAttachment>();
  #sockets = new Set<WebSocket>();
  /** Each identified connection's shard pair. */
  #shardOf = new Map<WebSocket, [number, number]>();
  #events = new EventEmitter();
  #http: Server;
  #wss: WebSocketServer;
  #port = 0;

  private constructor() {
    this.#events.setMaxListeners(0);
    this.applicationId = this.nextId();
    this.guildId = this.nextId();
    this.channelId = this.nextId();
    this.bot = { ...this.user('starcoach'), bot: true };
    this.owner = this.user('ada');
    this.other = this.user('grace');
    this.instructorRoleId = this.nextId();
    this.guilds.set(this.guildId, { name: 'Study group' });
    this.channels.set(this.channelId, this.#textChannel(this.channelId, 'practice', this.guildId));
    this.#http = createServer((req, res) => {
      this.#rest(req, res).catch(() => res.destroy());
    });
    this.#wss = new WebSocketServer({ server: this.#http });
    this.#wss.on('connection', (socket) => this.#connect(socket));
  }

  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    await new Promise<void>((resolve) => fake.#http.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#http.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base to give the client (`DISCORD_API_URL`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get intents(): number {
    return this.identify?.intents ?? 0;
  }

  nextId(): string {
    return String(((BigInt(Date.now()) - discordEpoch) << 22n) + BigInt(++this.#counter));
  }

  /** Discord's rule: a server's events go to shard `(guild_id >> 22) % shard_count`. */
  shardOfGuild(guildId: string, count = this.shardCount): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  /** A server the bot is in, with one text channel, whose events go to `shard` (of `shardCount`). */
  addGuild(name: string, shard = 0): { guildId: string; channelId: string } {
    let timestamp = BigInt(Date.now()) - discordEpoch;
    const count = BigInt(this.shardCount);
    timestamp += (BigInt(shard) - (timestamp % count) + count) % count;
    const guildId = String((timestamp << 22n) + BigInt(++this.#counter));
    this.guilds.set(guildId, { name });
    const channelId = this.nextId();
    this.channels.set(channelId, this.#textChannel(channelId, 'practice', guildId));
    return { guildId, channelId };
  }

  /**
   * The bot leaves (or is removed from) a server: GUILD_DELETE without `unavailable`. With
   * `unavailable`, the server is only in an outage, and the bot is still in it.
   */
  removeGuild(guildId: string, options: { unavailable?: boolean } = {}): void {
    if (!options.unavailable) this.guilds.delete(guildId);
    this.dispatch('GUILD_DELETE', { id: guildId, ...(options.unavailable ? { unavailable: true } : {}) });
  }

  /** The bot is added to a server again: GUILD_CREATE on its shard. */
  restoreGuild(guildId: string, name = 'Study group'): void {
    this.guilds.set(guildId, { name });
    this.dispatch('GUILD_CREATE', this.#guild(guildId));
  }

  user(username: string): FakeUser {
    return { id: this.nextId(), username, global_name: username, discriminator: '0', avatar: null };
  }

  /** Fails matching REST calls with a Discord JSON error, `times` times (default: until cleared). */
  failWith(
    method: string,
    path: RegExp,
    error: { status: number; code: number; retryAfter?: number },
    times = Number.POSITIVE_INFINITY,
  ) {
    this.#failures.push({ method, path, ...error, times });
  }

  clearFailures(): void {
    this.#failures = [];
  }

  callsTo(method: string, path: RegExp): RestCall[] {
    return this.calls.filter((call) => call.method === method && path.test(call.path));
  }

  /** Resolves with the first truthy value of `check`, re-checked after every REST call and resume. */
  waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 8000): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const onCall = () => {
        const value = check();
        if (!value) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#events.off('change', onCall);
      };
      this.#events.on('change', onCall);
    });
  }

  /** Waits until no REST call has arrived for `ms`: nothing more is coming. */
  async quiet(ms = 300): Promise<void> {
    for (;;) {
      const before = this.calls.length;
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (this.calls.length === before) return;
    }
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  // ---- gateway ----

  #connect(socket: WebSocket) {
    this.#sockets.add(socket);
    socket.on('close', () => {
      this.#sockets.delete(socket);
      this.#shardOf.delete(socket);
    });
    socket.on('message', (raw) => this.#onGateway(socket, JSON.parse(String(raw))));
    const hello = () => socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    if (this.#held) this.#held.push(hello);
    else hello();
  }

  /** While held, new gateway connections get no HELLO: the client stays reconnecting, as in an outage. */
  #held: (() => void)[] | null = null;

  holdConnections(): void {
    this.#held ??= [];
  }

  releaseConnections(): void {
    const waiting = this.#held ?? [];
    this.#held = null;
    for (const hello of waiting) hello();
  }

  #onGateway(socket: WebSocket, packet: Json) {
    if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
    if (packet.op === 6) {
      this.resumes += 1;
      const shard = /^fake-session-(\d+)$/.exec(packet.d?.session_id ?? '')?.[1];
      if (shard !== undefined) this.#shardOf.set(socket, [Number(shard), this.shardCount]);
      this.#send(socket, 'RESUMED', {});
      this.#events.emit('change');
    }
    if (packet.op !== 2) return;
    if (!this.privilegedIntentsAllowed && packet.d.intents & intentBits.MessageContent) {
      socket.close(4014, 'Disallowed intent(s).');
      return;
    }
    const [shard, count] = (packet.d.shard ?? [0, 1]) as [number, number];
    if (!(shard >= 0 && shard < count)) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    this.identify = packet.d;
    this.identifies.push(packet.d);
    this.#shardOf.set(socket, [shard, count]);
    // Only the servers on this shard: READY lists them unavailable, then a GUILD_CREATE each.
    const mine = [...this.guilds.keys()].filter((id) => this.shardOfGuild(id, count) === shard);
    this.#send(socket, 'READY', {
      v: 10,
      user: this.bot,
      guilds: mine.map((id) => ({ id, unavailable: true })),
      session_id: `fake-session-${shard}`,
      resume_gateway_url: `ws://127.0.0.1:${this.#port}`,
      application: { id: this.applicationId, flags: 0 },
      shard: [shard, count],
    });
    for (const id of mine) this.#send(socket, 'GUILD_CREATE', this.#guild(id));
    this.#events.emit('change');
  }

  #send(socket: WebSocket, t: string, d: Json) {
    socket.send(JSON.stringify({ op: 0, t, s: ++this.#seq, d }));
  }

  /** Drops the gateway connection as a network blip would (4000: the client resumes its session). */
  dropConnection(code = 4000): void {
    for (const socket of this.#sockets) socket.close(code, 'fake network blip');
  }

  /** Sends an event to every connection, or for a server's event only to the shard it belongs to. */
  dispatch(t: string, d: Json): void {
    const aboutGuild = t === 'GUILD_CREATE' || t === 'GUILD_UPDATE' || t === 'GUILD_DELETE';
    const guildId: string | undefined = aboutGuild ? d.id : d.guild_id;
    for (const socket of this.#sockets) {
      const pair = this.#shardOf.get(socket);
      if (guildId && pair && this.shardOfGuild(guildId, pair[1]) !== pair[0]) continue;
      this.#send(socket, t, d);
    }
  }

  #guild(guildId = this.guildId) {
    return {
      id: guildId,
      name: this.guilds.get(guildId)?.name ?? 'Study group',
      owner_id: this.owner.id,
      unavailable: false,
      member_count: 3,
      large: false,
      features: [],
      emojis: [],
      stickers: [],
      voice_states: [],
      presences: [],
      threads: [],
      channels: [...this.channels.values()].filter(
        (channel) => channel.type === 0 && channel.guild_id === guildId,
      ),
      roles: this.#roles(guildId),
      members: [{ user: this.bot, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false }],
    };
  }

  #roles(guildId = this.guildId) {
    const role = { hoist: false, managed: false, mentionable: false, color: 0 };
    return [
      { ...role, id: guildId, name: '@everyone', permissions: botPermissions, position: 0 },
      { ...role, id: this.instructorRoleId, name: 'Instructors', permissions: '0', position: 1 },
    ];
  }

  #textChannel(id: string, name: string, guildId: string) {
    return {
      id,
      type: 0,
      name,
      guild_id: guildId,
      position: 0,
      permission_overwrites: [],
      parent_id: null,
    };
  }

  // ---- what users do ----

  #interaction(type: number, data: Json, options: InteractionOptions, extra: Json = {}) {
    const id = options.id ?? this.nextId();
    const token = `token-${id}`;
    const user = options.user ?? this.owner;
    const channelId = options.channelId ?? (options.dm ? this.#dmChannel(user) : this.channelId);
    const channel = this.channels.get(channelId) ?? { id: channelId, type: 0 };
    const appPermissions = options.appPermissions ?? botPermissions;
    const guildId: string = channel.guild_id ?? this.guildId;
    // Until the interaction replies, its "@original" is the message its component was on.
    const original = extra.message?.id ?? null;
    if (!this.#interactions.has(token)) this.#interactions.set(token, { id, channelId, original });
    const member = {
      user,
      roles: options.roles ?? [],
      permissions: options.memberPermissions ?? '0',
      joined_at: '2026-01-01T00:00:00Z',
    };
    const where =
      channel.type === 1
        ? { user, context: 1 }
        : {
            guild_id: guildId,
            member: { ...member, deaf: false, mute: false, flags: 0, nick: null },
            context: 0,
          };
    this.sentAt.set(id, performance.now());
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      token,
      type,
      version: 1,
      data,
      channel: { ...channel, permissions: appPermissions },
      channel_id: channelId,
      app_permissions: appPermissions,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: channel.type === 1 ? { 1: user.id } : { 0: guildId },
      ...where,
      ...extra,
    });
    return { id, token };
  }

  #dmChannel(user: FakeUser): string {
    const existing = [...this.channels.values()].find(
      (channel) => channel.type === 1 && channel.recipients[0].id === user.id,
    );
    if (existing) return existing.id;
    const id = this.nextId();
    this.channels.set(id, { id, type: 1, recipients: [user], last_message_id: null });
    return id;
  }

  /**
   * A slash command; a `{type, value}` option is sent as is (type 7 channels, 8 roles and 11 attachments,
   * by id from `attachment()`, are resolved).
   */
  command(
    name: string,
    options: Record<string, string | number | { type: number; value: string }> = {},
    as: InteractionOptions = {},
  ) {
    const list = Object.entries(options).map(([key, value]) =>
      typeof value === 'object'
        ? { name: key, ...value }
        : { name: key, type: typeof value === 'number' ? 4 : 3, value },
    );
    const channels = Object.fromEntries(
      list
        .filter((option) => option.type === 7)
        .map((option) => [option.value, this.channels.get(String(option.value))]),
    );
    const roles = Object.fromEntries(
      list
        .filter((option) => option.type === 8)
        .map((option) => [option.value, this.#roles().find((role) => role.id === option.value)]),
    );
    const attachments = Object.fromEntries(
      list
        .filter((option) => option.type === 11)
        .map((option) => [option.value, this.#attachments.get(String(option.value))]),
    );
    const resolved = { channels, roles, ...(Object.keys(attachments).length ? { attachments } : {}) };
    const data = { id: this.nextId(), name, type: 1, options: list, resolved };
    return this.#interaction(2, data, as);
  }

  autocomplete(name: string, option: string, typed: string, as: InteractionOptions = {}) {
    const data = {
      id: this.nextId(),
      name,
      type: 1,
      options: [{ name: option, type: 3, value: typed, focused: true }],
    };
    return this.#interaction(4, data, as);
  }

  /** Clicks a button on a message the bot posted (by id, or id without its question); fails if absent. */
  click(messageId: string, customId: string, as: InteractionOptions = {}) {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId}`);
    const ids: string[] = message.components.flatMap((row: Json) =>
      row.components.map((button: Json) => button.custom_id),
    );
    // `starcoach:hint` also finds `starcoach:hint:<question id>`.
    const id = ids.find((candidate) => candidate === customId || candidate.startsWith(`${customId}:`));
    if (!id) throw new Error(`message ${messageId} has no button ${customId} (${ids})`);
    const data = { custom_id: id, component_type: 2 };
    return this.#interaction(3, data, { channelId: message.channel_id, ...as }, { message });
  }

  /** Submits a modal opened from a button on `messageId`, with one text input per entry. */
  submitModal(
    customId: string,
    values: Record<string, string>,
    messageId: string | null,
    as: InteractionOptions = {},
  ) {
    const message = messageId ? this.messages.get(messageId) : undefined;
    const components = Object.entries(values).map(([key, value], index) => ({
      type: 18,
      id: index * 2 + 1,
      component: { type: 4, id: index * 2 + 2, custom_id: key, value },
    }));
    const where = message ? { channelId: message.channel_id } : {};
    return this.#interaction(
      5,
      { custom_id: customId, components },
      { ...where, ...as },
      message ? { message } : {},
    );
  }

  /** Picks `values` in a select menu on a message the bot posted (by its exact custom id). */
  select(messageId: string, customId: string, values: string[], as: InteractionOptions = {}) {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId}`);
    const menu = message.components
      .flatMap((row: Json) => row.components)
      .find((component: Json) => component.type === 3 && component.custom_id === customId);
    if (!menu) throw new Error(`message ${messageId} has no select menu ${customId}`);
    const known = new Set(menu.options.map((option: Json) => option.value));
    if (!values.every((value) => known.has(value))) throw new Error(`menu ${customId} offers no ${values}`);
    const data = { custom_id: customId, component_type: 3, values };
    return this.#interaction(3, data, { channelId: message.channel_id, ...as }, { message });
  }

  /** A member leaves a thread themselves (the client's DELETE `/thread-members/@me`). */
  leaveThread(threadId: string, user: FakeUser): void {
    this.threadMembers.get(threadId)?.delete(user.id);
    this.#threadMembersUpdate(threadId, { removed_member_ids: [user.id] }, user.id);
  }

  /** A member leaves the server: GUILD_MEMBER_REMOVE, sent only to a bot with the Guild Members intent. */
  leaveGuild(user: FakeUser, guildId = this.guildId): void {
    if (!(this.intents & intentBits.GuildMembers)) return;
    this.dispatch('GUILD_MEMBER_REMOVE', { guild_id: guildId, user });
  }

  /**
   * THREAD_MEMBERS_UPDATE, as Discord sends it: about other members only to a bot with the Guild Members
   * intent (about the bot itself, always).
   */
  #threadMembersUpdate(threadId: string, change: Json, user: string): void {
    if (user !== this.bot.id && !(this.intents & intentBits.GuildMembers)) return;
    const thread = this.channels.get(threadId);
    this.dispatch('THREAD_MEMBERS_UPDATE', {
      id: threadId,
      guild_id: thread?.guild_id ?? this.guildId,
      member_count: this.threadMembers.get(threadId)?.size ?? 0,
      ...change,
    });
  }

  /** A member writes in a channel or thread; what arrives depends on the intents the bot asked for. */
  userMessage(channelId: string, content: string, user: FakeUser = this.owner, id = this.nextId()) {
    return this.postAs(channelId, { content }, user, id);
  }

  /**
   * A member posts a message with files (made with `attachment()`). Without Message Content, Discord
   * sends its content and attachments empty, as here; without Guild Messages, nothing at all.
   */
  postAs(
    channelId: string,
    message: { content?: string; attachments?: FakeAttachment[]; flags?: number },
    user: FakeUser = this.owner,
    id = this.nextId(),
  ) {
    if (!(this.intents & intentBits.GuildMessages)) return id;
    const full = this.intents & intentBits.MessageContent;
    const member = { roles: [], joined_at: '2026-01-01T00:00:00Z', deaf: false, mute: false };
    this.dispatch('MESSAGE_CREATE', {
      ...this.#messageObject(channelId, { content: full ? (message.content ?? '') : '' }, user),
      attachments: full ? (message.attachments ?? []) : [],
      flags: message.flags ?? 0,
      id,
      member,
    });
    return id;
  }

  /** A voice message recorded in the Discord app: flag 8192 and one ogg file with its length and waveform. */
  voiceMessage(
    channelId: string,
    bytes: Uint8Array,
    options: { durationSecs?: number; size?: number; user?: FakeUser; id?: string } = {},
  ) {
    const file = this.attachment('voice-message.ogg', bytes, {
      contentType: 'audio/ogg',
      durationSecs: options.durationSecs ?? 7.5,
      waveform: Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)).toString('base64'),
      ...(options.size === undefined ? {} : { size: options.size }),
    });
    const id = this.postAs(
      channelId,
      { attachments: [file], flags: voiceMessageFlag },
      options.user ?? this.owner,
      options.id,
    );
    return { id, attachment: file };
  }

  /** A file as Discord stores an upload: its bytes served at a CDN-like URL on this port. */
  attachment(filename: string, bytes: Uint8Array, options: AttachmentOptions = {}): FakeAttachment {
    const id = this.nextId();
    const path = `/attachments/${this.channelId}/${id}/${encodeURIComponent(filename)}`;
    const contentType = options.contentType ?? 'application/octet-stream';
    this.#files.set(path, { bytes, contentType });
    const attachment: FakeAttachment = {
      id,
      filename,
      size: options.size ?? bytes.length,
      // Discord's CDN links carry signed expiry parameters; the fake's ignore them.
      url: `http://127.0.0.1:${this.#port}${path}?ex=1&is=1&hm=fake`,
      proxy_url: `http://127.0.0.1:${this.#port}${path}`,
      ...(options.contentType ? { content_type: options.contentType } : {}),
      ...(options.durationSecs === undefined ? {} : { duration_secs: options.durationSecs }),
      ...(options.waveform === undefined ? {} : { waveform: options.waveform }),
    };
    this.#attachments.set(id, attachment);
    return attachment;
  }

  /** The downloads of attached files (GETs of `/attachments/…`). */
  downloads(): RestCall[] {
    return this.callsTo('GET', /^\/attachments\//);
  }

  // ---- REST ----

  async #rest(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const [pathname = '/', query = ''] = (req.url ?? '/').split('?');
    const { body, files } = parseBody(raw, req.headers['content-type'] ?? '');
    const call: RestCall = {
      method: req.method ?? 'GET',
      path: pathname.replace(/^\/api\/v\d+/, ''),
      query: query ? `?${query}` : '',
      body,
      files,
      at: performance.now(),
    };
    this.calls.push(call);
    const failure = this.#failures.find(
      (item) => item.method === call.method && item.path.test(call.path) && item.times > 0,
    );
    if (failure) {
      failure.times -= 1;
      if (failure.retryAfter !== undefined) {
        const limited = {
          message: 'You are being rate limited.',
          retry_after: failure.retryAfter,
          global: false,
        };
        reply(res, failure.status, limited, { 'retry-after': String(failure.retryAfter) });
      } else reply(res, failure.status, { code: failure.code, message: `fake error ${failure.code}` });
    } else if (call.method === 'GET' && this.#files.has(call.path)) {
      const file = this.#files.get(call.path)!;
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
      res.end(file.bytes);
    } else {
      const [status, body] = this.#route(call);
      reply(res, status, body);
    }
    this.#events.emit('change');
  }

  #route({ method, path, body }: RestCall): [number, Json] {
    const parts = path.split('/').slice(1).map(decodeURIComponent);
    const [root, a, b, c, d] = parts;
    const key = `${method} ${root}${parts.length}`;
    if (method === 'GET' && path === '/gateway/bot') {
      const limit = { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: this.maxConcurrency };
      const url = `ws://127.0.0.1:${this.#port}`;
      return [200, { url, shards: this.shardCount, session_start_limit: limit }];
    }
    if (key === 'POST users3' && a === '@me' && b === 'channels')
      return [200, this.#dmWith(body.recipient_id)];
    if (key === 'POST interactions4') return this.#callback(a!, b!, body);
    if (root === 'webhooks') return this.#webhook(method, b!, d, body);
    if (key === 'GET channels2') return this.#channelOr404(a!);
    if (key === 'PATCH channels2' || key === 'DELETE channels2') {
      const channel = this.channels.get(a!);
      if (!channel) return [404, { code: 10003, message: 'Unknown Channel' }];
      if (body?.archived !== undefined)
        channel.thread_metadata = { ...channel.thread_metadata, archived: body.archived };
      return [200, channel];
    }
    if (key === 'POST channels3' && b === 'threads') return [201, this.#thread(a!, body)];
    if (key === 'POST channels5' && b === 'messages' && d === 'threads') {
      if (!this.messages.has(c!)) return [404, { code: 10008, message: 'Unknown Message' }];
      // A thread started on a message has the message's id, as on Discord.
      return [201, this.#thread(a!, { type: 11, ...body }, c!)];
    }
    if (key === 'GET channels4' && b === 'messages') {
      const message = this.messages.get(c!);
      return message ? [200, message] : [404, { code: 10008, message: 'Unknown Message' }];
    }
    if (b === 'thread-members' && (key === 'PUT channels4' || key === 'DELETE channels4'))
      return this.#threadMember(method, a!, c!);
    if (key === 'PUT channels7' && b === 'messages' && d === 'reactions') return this.#react(c!, parts[5]!);
    if (key === 'POST channels3' && b === 'messages' && this.#dmRefused(a!))
      return [403, { code: 50007, message: 'Cannot send messages to this user' }];
    if (key === 'POST channels3' && b === 'messages')
      return [200, this.#store(this.#messageObject(a!, body))];
    if (key === 'PATCH channels4' && b === 'messages') return this.#edit(c!, body);
    if (method === 'PUT' && root === 'applications' && path.endsWith('/commands')) {
      return [
        200,
        (body as Json[]).map((command) => ({
          ...command,
          id: this.nextId(),
          application_id: a,
          version: '1',
        })),
      ];
    }
    return [404, { code: 0, message: `fake Discord has no route ${method} ${path}` }];
  }

  #threadMember(method: string, threadId: string, user: string): [number, Json] {
    const thread = this.channels.get(threadId);
    if (!thread) return [404, { code: 10003, message: 'Unknown Channel' }];
    const members = this.threadMembers.get(threadId) ?? new Set<string>();
    this.threadMembers.set(threadId, members);
    if (method === 'DELETE') {
      members.delete(user);
      this.#threadMembersUpdate(threadId, { removed_member_ids: [user] }, user);
      return [204, null];
    }
    members.add(user);
    const joined = { id: threadId, user_id: user, join_timestamp: new Date().toISOString(), flags: 0 };
    this.#threadMembersUpdate(threadId, { added_members: [joined] }, user);
    return [204, null];
  }

  /** The bot's reaction on a message (PUT …/reactions/:emoji/@me); members' messages are not kept, so by id. */
  #react(messageId: string, emoji: string): [number, Json] {
    this.reactions.set(messageId, [...(this.reactions.get(messageId) ?? []), emoji]);
    return [204, null];
  }

  #dmRefused(channelId: string): boolean {
    const channel = this.channels.get(channelId);
    return channel?.type === 1 && this.closedDms.has(channel.recipients?.[0]?.id);
  }

  #callback(id: string, token: string, body: Json): [number, Json] {
    if (!this.callbackAt.has(id)) this.callbackAt.set(id, performance.now());
    const interaction = this.#interactions.get(token);
    if (interaction && (body.type === 4 || body.type === 5)) {
      const message = this.#messageObject(interaction.channelId, body.data ?? {}, this.bot);
      interaction.original = this.#store({ ...message, interaction_token: token }).id;
    }
    if (interaction?.original && body.type === 7) this.#edit(interaction.original, body.data);
    return [204, null];
  }

  #webhook(method: string, token: string, messageId: string | undefined, body: Json): [number, Json] {
    const interaction = this.#interactions.get(token);
    if (!interaction) return [404, { code: 10015, message: 'Unknown Webhook' }];
    const id = messageId === '@original' ? interaction.original : messageId;
    if (method === 'POST') {
      return [
        200,
        this.#store({ ...this.#messageObject(interaction.channelId, body), interaction_token: token }),
      ];
    }
    if (method === 'DELETE') {
      if (id) this.messages.delete(id);
      return [204, null];
    }
    return id ? this.#edit(id, body) : [404, { code: 10008, message: 'Unknown Message' }];
  }

  #edit(messageId: string, body: Json): [number, Json] {
    const message = this.messages.get(messageId);
    if (!message) return [404, { code: 10008, message: 'Unknown Message' }];
    for (const field of ['content', 'embeds', 'components', 'flags'] as const) {
      if (body?.[field] !== undefined) message[field] = body[field];
    }
    message.edited_timestamp = new Date().toISOString();
    message.edits = (message.edits ?? 0) + 1;
    return [200, message];
  }

  /** The bot's DM channel with a user, the same one each time, as Discord keeps it. */
  #dmWith(userId: string) {
    const known = [...this.channels.values()].find(
      (channel) => channel.type === 1 && channel.recipients?.[0]?.id === userId,
    );
    if (known) return known;
    const user = {
      id: userId,
      username: `user-${userId}`,
      global_name: null,
      discriminator: '0',
      avatar: null,
    };
    const channel = { id: this.nextId(), type: 1, last_message_id: null, recipients: [user] };
    this.channels.set(channel.id, channel);
    return channel;
  }

  #channelOr404(id: string): [number, Json] {
    const channel = this.channels.get(id);
    return channel ? [200, channel] : [404, { code: 10003, message: 'Unknown Channel' }];
  }

  #thread(parentId: string, body: Json, id = this.nextId()) {
    const now = new Date().toISOString();
    const thread = {
      id,
      guild_id: this.channels.get(parentId)?.guild_id ?? this.guildId,
      parent_id: parentId,
      owner_id: this.bot.id,
      type: body.type ?? 11,
      name: body.name,
      thread_metadata: {
        archived: false,
        auto_archive_duration: body.auto_archive_duration ?? 1440,
        archive_timestamp: now,
        locked: false,
        invitable: body.invitable ?? true,
        create_timestamp: now,
      },
      member_count: 1,
      message_count: 0,
      rate_limit_per_user: 0,
      flags: 0,
    };
    this.channels.set(thread.id, thread);
    // As Discord does, to the shard holding the server: its cache then knows the thread.
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  }

  #messageObject(channelId: string, body: Json, author: FakeUser = this.bot) {
    const channel = this.channels.get(channelId);
    const inDm = channel?.type === 1;
    return {
      id: this.nextId(),
      channel_id: channelId,
      ...(inDm ? {} : { guild_id: channel?.guild_id ?? this.guildId }),
      author,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      allowed_mentions: body.allowed_mentions,
      flags: body.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: 0,
    };
  }

  #store<T extends { id: string }>(message: T): T {
    this.messages.set(message.id, message);
    return message;
  }

  /** Messages in a channel or thread, oldest first, ephemeral ones included (`flags & 64`). */
  messagesIn(channelId: string): Json[] {
    return [...this.messages.values()].filter((message) => message.channel_id === channelId);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON, or multipart/form-data as discord.js sends files: `payload_json` plus `files[n]` parts. */
function parseBody(raw: Buffer, contentType: string): { body: Json; files: RestCall['files'] } {
  const boundary = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return { body: raw.length ? JSON.parse(raw.toString('utf8')) : null, files: [] };
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const files: RestCall['files'] = [];
  let body: Json = null;
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? '';
    if (name === 'payload_json') body = JSON.parse(content.toString('utf8'));
    else if (filename !== undefined)
      files.push({ name, filename, contentType: type, bytes: Buffer.from(content) });
    start = next;
  }
  return { body, files };
}

function reply(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
