import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { FakeSlackOAuth } from './slack-oauth.ts';

/** One Web API call as the fake received it: method, parsed body (JSON form fields decoded), token. */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  token: string | null;
  /** What the fake answered (`ts` of a posted message, …). */
  result: Record<string, unknown>;
  /** Set when the fake was scripted to fail this call. */
  error?: string;
  /** Arrival order among calls and response_url posts alike. */
  seq: number;
}

/** One post to a payload's response_url (`respond()` in Bolt). */
export interface ResponseUrlCall {
  id: string;
  body: Record<string, unknown>;
  /** Arrival order among calls and response_url posts alike. */
  seq: number;
}

export type SlackFailure = { error: string } | { status: number; retryAfter?: number };

/** A file a test puts in the fake's file store, as a member would post it (a clip, a voice memo, an image). */
export interface HostedFileInput {
  bytes: Uint8Array;
  name: string;
  mimetype: string;
  /** What Slack announces; the real length of `bytes` unless a test says otherwise. */
  size?: number;
  duration_ms?: number;
  /** `slack_audio` / `slack_video` for clips recorded in Slack. */
  subtype?: string;
  /** Slack's short type (`m4a`, `webm`, `png`); from the name's extension unless given. */
  filetype?: string;
}

/** A file object as Slack puts it in a message event and answers from files.info. */
export interface SlackFileObject {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  mode: 'hosted';
  url_private: string;
  url_private_download: string;
  duration_ms?: number;
  subtype?: string;
  [field: string]: unknown;
}

/** One GET of a hosted file: who asked with which token, and what the fake served. */
export interface FileDownload {
  fileId: string;
  authorization: string | null;
  served: 'file' | 'login-page' | 'not-found' | 'failure';
  status: number;
  seq: number;
}

/** What Slack's file host answers a request without a token that may read files: a sign-in page, with 200. */
const loginPage =
  '<!DOCTYPE html><html><head><title>Slack</title></head><body><h1>Sign in to your workspace</h1></body></html>';

/** Form fields the Web API client sends as JSON strings. */
const jsonFields = new Set(['blocks', 'attachments', 'view', 'chunks', 'metadata', 'files']);

/** A file as the external upload flow received it: the bytes POSTed to its upload URL. */
export interface SlackUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
}

/**
 * A fake Slack on 127.0.0.1: the Web API (`POST /api/<method>`), response_url posts (`/respond/<id>`),
 * file upload URLs (`/upload/<file id>`, from files.getUploadURLExternal) and a Socket Mode WebSocket
 * (`/socket`). It records everything in arrival order and can be told to fail.
 */
export class FakeSlackServer {
  readonly calls: SlackCall[] = [];
  readonly responses: ResponseUrlCall[] = [];
  /** Calls, responses and test marks in one order, for "this happened before that" assertions. */
  readonly timeline: string[] = [];
  readonly users = new Map<string, { is_admin?: boolean; is_owner?: boolean }>();
  /** Files whose bytes were POSTed to their upload URL, by file id. */
  readonly uploads = new Map<string, SlackUpload>();
  /** Every GET of a hosted file (`/files-pri/…`), in order. */
  readonly fileDownloads: FileDownload[] = [];
  /** The bot token the file host serves files to (Slack: one that has the files:read scope). */
  fileToken = 'xoxb-test';
  /** Channels the bot is in, when a test says so: then posting elsewhere fails with not_in_channel. */
  memberOf: Set<string> | null = null;
  readonly socketAcks: { envelope_id: string; payload?: unknown }[] = [];
  /** Installs through OAuth: the authorize page, oauth.v2.access, auth.test per workspace token. */
  readonly oauth = new FakeSlackOAuth();
  readonly #failures = new Map<string, SlackFailure[]>();
  readonly #changes = new EventEmitter();
  readonly #sockets = new Set<WebSocket>();
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  #ts = 0;
  #seq = 0;
  #responseIds = 0;
  #files = 0;
  #views = 0;
  readonly #pendingUploads = new Map<string, string>();
  readonly #hosted = new Map<string, { file: SlackFileObject; bytes: Uint8Array }>();
  readonly #downloadFailures: number[] = [];

  private constructor() {
    this.#changes.setMaxListeners(0);
    this.#server = createServer((request, response) => void this.#route(request, response));
    this.#server.on('upgrade', (request, socket, head) => {
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#connect(ws));
    });
  }

  static async start(): Promise<FakeSlackServer> {
    const fake = new FakeSlackServer();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id = `r${++this.#responseIds}`): string {
    return `${this.url}/respond/${id}`;
  }

  /** The next `times` calls to `method` fail this way. */
  fail(method: string, failure: SlackFailure, times = 1): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), ...Array(times).fill(failure)]);
  }

  clearFailures(): void {
    this.#failures.clear();
    this.#downloadFailures.length = 0;
  }

  /**
   * Puts a file in the fake's file store and returns its file object, with the private URLs Slack gives
   * (`/files-pri/<team>-<id>/…`): the bytes are served only to `Authorization: Bearer <fileToken>`.
   */
  hostFile(input: HostedFileInput, team = 'T1'): SlackFileObject {
    const id = `F${++this.#files}`;
    const base = `${this.url}/files-pri/${team}-${id}`;
    const name = encodeURIComponent(input.name);
    const file: SlackFileObject = {
      id,
      created: 1800000000,
      timestamp: 1800000000,
      name: input.name,
      title: input.name,
      mimetype: input.mimetype,
      filetype: input.filetype ?? /\.([a-z0-9]+)$/i.exec(input.name)?.[1]?.toLowerCase() ?? 'binary',
      pretty_type: input.mimetype,
      user: 'U1',
      size: input.size ?? input.bytes.byteLength,
      mode: 'hosted',
      is_external: false,
      is_public: false,
      url_private: `${base}/${name}`,
      url_private_download: `${base}/download/${name}`,
      permalink: `https://example.slack.com/files/U1/${id}/${name}`,
      ...(input.duration_ms === undefined ? {} : { duration_ms: input.duration_ms }),
      ...(input.subtype === undefined ? {} : { subtype: input.subtype, media_display_type: 'audio' }),
    };
    this.#hosted.set(id, { file, bytes: input.bytes });
    return file;
  }

  /** The file object of a Slack Connect event, which names the file and nothing else (files.info has the rest). */
  static partialFile(file: SlackFileObject): Record<string, unknown> {
    return {
      id: file.id,
      mode: 'file_access',
      file_access: 'check_file_info',
      created: file.created,
      timestamp: file.timestamp,
      user: file.user,
    };
  }

  /** The next `times` downloads of any hosted file answer with this HTTP status. */
  failDownloads(status: number, times = 1): void {
    this.#downloadFailures.push(...Array<number>(times).fill(status));
  }

  mark(label: string): void {
    this.timeline.push(label);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method && !call.error);
  }

  /** Resolves with the first call (already made or still to come) that matches. */
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs = 5000): Promise<SlackCall> {
    return this.#waitIn(() => this.calls.find((call) => !call.error && predicate(call)), timeoutMs);
  }

  waitForResponse(predicate: (call: ResponseUrlCall) => boolean, timeoutMs = 5000): Promise<ResponseUrlCall> {
    return this.#waitIn(() => this.responses.find(predicate), timeoutMs);
  }

  /** Resolves once `condition` holds, checked after every call the fake records. */
  async until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    await this.#waitIn(() => (condition() ? true : undefined), timeoutMs);
  }

  waitForSocketAck(envelopeId: string, timeoutMs = 5000) {
    return this.#waitIn(() => this.socketAcks.find((ack) => ack.envelope_id === envelopeId), timeoutMs);
  }

  /** Sends a Socket Mode envelope to every connected client. */
  sendEnvelope(envelope: Record<string, unknown>): void {
    for (const socket of this.#sockets) socket.send(JSON.stringify(envelope));
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #waitIn<T>(find: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        this.#changes.off('change', check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#changes.off('change', check);
        reject(
          new Error(`fake Slack: nothing matched in ${timeoutMs} ms; timeline: ${this.timeline.join(', ')}`),
        );
      }, timeoutMs);
      this.#changes.on('change', check);
      check();
    });
  }

  #record(label: string) {
    this.timeline.push(label);
    this.#changes.emit('change');
  }

  #connect(socket: WebSocket) {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (!message.envelope_id) return;
      this.socketAcks.push({ envelope_id: message.envelope_id, payload: message.payload });
      this.#record(`ack:${message.envelope_id}`);
    });
    // The client's start() resolves only once it has seen hello.
    const hello = () =>
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    if (this.#heldHellos) this.#heldHellos.push(hello);
    else hello();
  }

  /** While held, new Socket Mode connections get no hello: the client stays reconnecting, as in an outage. */
  #heldHellos: (() => void)[] | null = null;

  holdSocketHellos(): void {
    this.#heldHellos ??= [];
  }

  releaseSocketHellos(): void {
    const waiting = this.#heldHellos ?? [];
    this.#heldHellos = null;
    for (const hello of waiting) hello();
  }

  /** Drops every Socket Mode connection as a network blip would; the server stays up. */
  dropSockets(): void {
    for (const socket of this.#sockets) socket.terminate();
  }

  async #route(request: IncomingMessage, response: ServerResponse) {
    const bytes = await readBody(request);
    const path = new URL(request.url ?? '/', this.url).pathname;
    if (path.startsWith('/files-pri/')) return this.#serveFile(path, request, response);
    if (path === '/oauth/v2/authorize')
      return this.oauth.authorize(new URL(request.url ?? '/', this.url), response);
    if (path.startsWith('/upload/'))
      return this.#receiveUpload(path.slice('/upload/'.length), bytes, response);
    const body = parseBody(bytes.toString('utf8'), request.headers['content-type'] ?? '');
    if (path.startsWith('/respond/')) {
      this.responses.push({ id: path.slice('/respond/'.length), body, seq: ++this.#seq });
      this.#record('respond');
      return sendJson(response, 200, { ok: true });
    }
    if (!path.startsWith('/api/')) return sendJson(response, 404, { ok: false, error: 'unknown_url' });
    const method = path.slice('/api/'.length);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const failure = this.#failures.get(method)?.shift();
    if (failure) return this.#fail(method, body, token, failure, response);
    const result = this.oauth.answer(method, body, token) ?? this.#answer(method, body);
    // An answer the fake itself refuses (not_in_channel, …) is recorded like a scripted failure.
    const error = result.ok === false ? String(result.error) : undefined;
    this.calls.push({ method, body, token, result, seq: ++this.#seq, ...(error ? { error } : {}) });
    this.#record(error ? `${method}!${error}` : method);
    sendJson(response, 200, result);
  }

  /** Like Slack's file store: 200 and a short text body for a URL it handed out, 404 otherwise. */
  #receiveUpload(fileId: string, bytes: Buffer, response: ServerResponse) {
    const filename = this.#pendingUploads.get(fileId);
    if (filename === undefined) {
      response.writeHead(404).end();
      return;
    }
    this.uploads.set(fileId, { fileId, filename, bytes });
    this.#record('upload');
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
  }

  /** Like files.slack.com: the bytes for the right token; a sign-in page (200, HTML) for any other. */
  #serveFile(path: string, request: IncomingMessage, response: ServerResponse) {
    const fileId = /^\/files-pri\/[^/-]+-(F[^/]+)\//.exec(path)?.[1] ?? '';
    const authorization = request.headers.authorization ?? null;
    const hosted = this.#hosted.get(fileId);
    const record = (served: FileDownload['served'], status: number) => {
      this.fileDownloads.push({ fileId, authorization, served, status, seq: ++this.#seq });
      this.#record(`file:${served}`);
    };
    const failure = this.#downloadFailures.shift();
    if (failure !== undefined) {
      record('failure', failure);
      response.writeHead(failure, { 'content-type': 'text/plain' }).end('error');
      return;
    }
    if (!hosted) {
      record('not-found', 404);
      response.writeHead(404, { 'content-type': 'text/html' }).end(loginPage);
      return;
    }
    if (authorization !== `Bearer ${this.fileToken}`) {
      record('login-page', 200);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage);
      return;
    }
    record('file', 200);
    response
      .writeHead(200, {
        'content-type': hosted.file.mimetype,
        'content-length': String(hosted.bytes.byteLength),
      })
      .end(Buffer.from(hosted.bytes));
  }

  #fail(
    method: string,
    body: SlackCall['body'],
    token: string | null,
    failure: SlackFailure,
    response: ServerResponse,
  ) {
    const error = 'error' in failure ? failure.error : `http_${failure.status}`;
    this.calls.push({ method, body, token, result: { ok: false, error }, error, seq: ++this.#seq });
    this.#record(`${method}!${error}`);
    if ('error' in failure) return sendJson(response, 200, { ok: false, error });
    const headers: Record<string, string> =
      failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
    sendJson(response, failure.status, { ok: false, error: 'ratelimited' }, headers);
  }

  #answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const ts = () => `1700000000.${String(++this.#ts).padStart(6, '0')}`;
    switch (method) {
      case 'chat.postMessage':
      case 'chat.startStream': {
        if (this.memberOf && !this.memberOf.has(String(body.channel))) {
          return { ok: false, error: 'not_in_channel' };
        }
        const posted = ts();
        return { ok: true, channel: body.channel, ts: posted, message: { text: body.text, ts: posted } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      case 'chat.update':
      case 'chat.appendStream':
      case 'chat.stopStream':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'views.publish':
        return { ok: true, view: { id: 'V1', type: 'home' } };
      case 'views.open':
        return { ok: true, view: { ...(body.view as object), id: `VMODAL${++this.#views}` } };
      case 'conversations.open': {
        // Several users: a group DM with them and the bot (Slack's ids for those start with G or C).
        const users = String(body.users).split(',');
        const id = users.length > 1 ? `G${users.join('')}` : `D${users[0]}`;
        return { ok: true, channel: { id } };
      }
      case 'conversations.join':
        this.memberOf?.add(String(body.channel));
        return { ok: true, channel: { id: body.channel } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.#files}`;
        this.#pendingUploads.set(fileId, String(body.filename));
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (body.files ?? []) as { id: string; title?: string }[];
        const missing = files.find((file) => !this.uploads.has(file.id));
        if (missing) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title })) };
      }
      case 'files.info': {
        const hosted = this.#hosted.get(String(body.file));
        return hosted ? { ok: true, file: hosted.file } : { ok: false, error: 'file_not_found' };
      }
      case 'users.info': {
        const user = String(body.user);
        return { ok: true, user: { id: user, is_admin: false, is_owner: false, ...this.users.get(user) } };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/socket` };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      default:
        return { ok: true };
    }
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = jsonFields.has(key) ? JSON.parse(value) : value;
  }
  return body;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Slack's request signature: `v0=` HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function signatureHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface AppResponse {
  status: number;
  body: string;
}

/** Sends what Slack sends to an app's request URL, signed (or not, when a test says so). */
export class SlackRequests {
  #triggers = 0;
  #events = 0;
  // Slack keeps its connections to an app open; node:http costs the sender far less than fetch does.
  readonly #agent = new Agent({ keepAlive: true });

  constructor(
    readonly eventsUrl: string,
    readonly secret: string,
    readonly team = 'T1',
  ) {}

  post(body: string, contentType: string, headers: Record<string, string> = {}): Promise<AppResponse> {
    const signed = { 'content-type': contentType, ...signatureHeaders(this.secret, body), ...headers };
    return new Promise((resolve, reject) => {
      const sent = request(
        this.eventsUrl,
        { method: 'POST', headers: signed, agent: this.#agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  commandBody(
    command: string,
    text: string,
    options: { user: string; channel: string; responseUrl: string },
  ) {
    return new URLSearchParams({
      token: 'verification-token',
      command,
      text,
      team_id: this.team,
      team_domain: 'example',
      channel_id: options.channel,
      channel_name: 'practice',
      user_id: options.user,
      user_name: options.user.toLowerCase(),
      response_url: options.responseUrl,
      trigger_id: `trigger-${this.team}-${++this.#triggers}`,
      api_app_id: 'A1',
    }).toString();
  }

  command(command: string, text: string, options: { user: string; channel: string; responseUrl: string }) {
    return this.post(this.commandBody(command, text, options), 'application/x-www-form-urlencoded');
  }

  eventBody(event: Record<string, unknown>, eventId = `Ev${this.team}${++this.#events}`) {
    return JSON.stringify({
      token: 'verification-token',
      team_id: this.team,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
      event,
    });
  }

  event(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}) {
    const headers: Record<string, string> =
      options.retryNum === undefined
        ? {}
        : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' };
    return this.post(this.eventBody(event, options.eventId), 'application/json', headers);
  }

  /** A person's reply in a thread, as the Events API delivers it; a retry repeats `eventId` and `ts`. */
  reply(options: ThreadReplyOptions) {
    const ts = options.ts ?? `1800000000.${String(++this.#events).padStart(6, '0')}`;
    const event = {
      type: 'message',
      channel: options.channel,
      channel_type: 'channel',
      user: options.user,
      text: options.text,
      ts,
      thread_ts: options.thread,
      event_ts: ts,
    };
    return this.event(event, { eventId: options.eventId, retryNum: options.retryNum });
  }

  /**
   * A file posted in a thread (a clip recorded with the microphone button, an uploaded file), as the
   * Events API delivers it: `subtype: 'file_share'` with the file objects, or the newer shape without
   * a subtype. A retry repeats `eventId` and `ts`.
   */
  fileShare(options: FileShareOptions) {
    const ts = options.ts ?? `1800000000.${String(++this.#events).padStart(6, '0')}`;
    const event = {
      type: 'message',
      ...(options.subtype === null ? {} : { subtype: options.subtype ?? 'file_share' }),
      channel: options.channel,
      channel_type: 'channel',
      user: options.user,
      text: options.text ?? '',
      files: options.files,
      upload: false,
      display_as_bot: false,
      ts,
      thread_ts: options.thread,
      event_ts: ts,
    };
    return this.event(event, { eventId: options.eventId, retryNum: options.retryNum });
  }

  /** A button press; `message` is left out for ephemeral messages, as Slack does. */
  action(actionId: string, options: ButtonPressOptions) {
    const message = options.message ? { type: 'message', text: '', ...options.message } : undefined;
    const payload = {
      type: 'block_actions',
      team: { id: this.team, domain: 'example' },
      user: { id: options.user, username: options.user.toLowerCase(), team_id: this.team },
      api_app_id: 'A1',
      token: 'verification-token',
      trigger_id: `trigger-${this.team}-${++this.#triggers}`,
      response_url: options.responseUrl,
      channel: { id: options.channel, name: 'practice' },
      container: {
        type: 'message',
        channel_id: options.channel,
        message_ts: options.message?.ts ?? options.containerTs ?? '1700000000.999999',
        is_ephemeral: !options.message,
      },
      ...(message ? { message } : {}),
      actions: [
        {
          type: 'button',
          action_id: actionId,
          block_id: 'b1',
          text: { type: 'plain_text', text: actionId },
          ...(options.value ? { value: options.value } : {}),
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded');
  }

  homeOpened(user: string) {
    return this.event({ type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.0' });
  }

  /** The workspace removed the app: Slack's last event for it. */
  appUninstalled() {
    return this.event({ type: 'app_uninstalled', event_ts: '1.0' });
  }

  /** Tokens revoked in the workspace: user ids of the bot (`bot`) and of people (`oauth`) whose tokens went. */
  tokensRevoked(tokens: { bot?: string[]; oauth?: string[] }) {
    return this.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: [], ...tokens }, event_ts: '1.0' });
  }

  /**
   * A modal's submission, as Slack sends it when the user presses the submit button: the view the app
   * opened (its callback_id and private_metadata), with `values` typed into its inputs.
   */
  viewSubmission(options: ViewSubmissionOptions) {
    const view = options.opened;
    const state: Record<string, Record<string, { type: string; value: string }>> = {};
    for (const [blockId, inputs] of Object.entries(options.values)) {
      state[blockId] = Object.fromEntries(
        Object.entries(inputs).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]),
      );
    }
    const payload = {
      type: 'view_submission',
      team: { id: this.team, domain: 'example' },
      user: {
        id: options.user,
        username: options.user.toLowerCase(),
        name: options.user,
        team_id: this.team,
      },
      api_app_id: 'A1',
      token: 'verification-token',
      trigger_id: `trigger-${this.team}-${++this.#triggers}`,
      view: {
        id: options.viewId,
        team_id: this.team,
        type: 'modal',
        blocks: view.blocks ?? [],
        private_metadata: view.private_metadata ?? '',
        callback_id: view.callback_id ?? '',
        state: { values: state },
        hash: `hash-${options.viewId}`,
        title: view.title,
        close: view.close ?? null,
        submit: view.submit ?? null,
        clear_on_close: false,
        notify_on_close: false,
        root_view_id: options.viewId,
        previous_view_id: null,
        app_id: 'A1',
        external_id: '',
        app_installed_team_id: this.team,
        bot_id: 'BBOT',
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded');
  }
}

/** A view the app opened (the `view` of its views.open call) and what the user typed into it. */
export interface ViewSubmissionOptions {
  user: string;
  viewId: string;
  opened: {
    callback_id?: string;
    private_metadata?: string;
    blocks?: unknown[];
    title?: unknown;
    close?: unknown;
    submit?: unknown;
  };
  /** block_id → action_id → typed text. */
  values: Record<string, Record<string, string>>;
}

export interface ThreadReplyOptions {
  user: string;
  channel: string;
  thread: string;
  text: string;
  ts?: string;
  eventId?: string;
  retryNum?: number;
}

export interface FileShareOptions {
  user: string;
  channel: string;
  thread: string;
  files: readonly Record<string, unknown>[];
  text?: string;
  /** `file_share` unless given; null leaves it out, as newer events do. */
  subtype?: string | null;
  ts?: string;
  eventId?: string;
  retryNum?: number;
}

export interface ButtonPressOptions {
  user: string;
  channel: string;
  responseUrl: string;
  /** The message the button is on (left out for ephemeral messages); `text` is its fallback text. */
  message?: { ts: string; thread_ts?: string; text?: string };
  containerTs?: string;
  value?: string;
}
