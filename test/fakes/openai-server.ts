/**
 * A local OpenAI-compatible server for tests and the bench: `POST /v1/chat/completions` over real
 * HTTP, as JSON or as SSE when the request says `stream: true` (first chunk `delta:{role, content:''}`,
 * content deltas, a `finish_reason` chunk, a `{choices:[], usage}` chunk when asked for, `[DONE]`).
 *
 * Scripted per test: `enqueue` replies (used once each, in order), then `setDefault` answers the rest.
 * A reply is data or a function of the request. It records every request body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { estimatePromptTokens, estimateTokens } from '../../src/feedback/llm/estimate-tokens.ts';

export interface FakeReply {
  /** HTTP status; default 200. A non-200 status sends `body` (default an OpenAI-style error JSON). */
  status?: number;
  headers?: Record<string, string>;
  /** For non-200 replies: the body, JSON-encoded unless it is a string. */
  body?: unknown;
  /** The assistant's content: an object is JSON-encoded; a string is sent as is (so it can be invalid JSON). */
  content?: unknown;
  /** Send a refusal instead of content. */
  refusal?: string;
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Default: prompt = characters/4 of the request's messages + response_format; completion = content/4. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Wait this long before answering (the client may time out first). */
  delayMs?: number;
  /** Cut the connection instead of answering. */
  destroy?: boolean;
  /** Streaming only: characters per content delta (default 12). */
  chunkChars?: number;
  /** Streaming only: after this many content deltas, send nothing more and keep the connection open. */
  stallAfterChunks?: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test inspects whatever the client sent
  body: any;
}

export type Responder = (request: RecordedRequest, index: number) => FakeReply;

function toResponder(reply: FakeReply | Responder): Responder {
  return typeof reply === 'function' ? reply : () => reply;
}

function contentText(content: unknown): string | null {
  if (content === undefined || content === null) return null;
  return typeof content === 'string' ? content : JSON.stringify(content);
}

export class FakeOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  #queue: Responder[] = [];
  #default: Responder = () => ({
    status: 500,
    body: { error: { message: 'no scripted reply', type: 'server_error' } },
  });
  #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => res.destroy());
    });
  }

  static async start(): Promise<FakeOpenAIServer> {
    const fake = new FakeOpenAIServer();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** The base URL to give the openai client. */
  get baseURL(): string {
    return `http://127.0.0.1:${this.#port}/v1`;
  }

  enqueue(...replies: Array<FakeReply | Responder>): this {
    this.#queue.push(...replies.map(toResponder));
    return this;
  }

  setDefault(reply: FakeReply | Responder): this {
    this.#default = toResponder(reply);
    return this;
  }

  /** Forget recorded requests and queued replies (the default stays). */
  reset(): void {
    this.workMs.length = 0;
    this.requests.length = 0;
    this.#queue = [];
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * Milliseconds of this fake's own synchronous work per request (parsing, scripting, serializing the
   * reply), in arrival order: a bench subtracts it to count only the client's side.
   */
  readonly workMs: number[] = [];

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const started = performance.now();
    const responding = this.#respond(req, res, raw);
    this.workMs.push(performance.now() - started);
    await responding;
  }

  async #respond(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      sendJson(res, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
      return;
    }
    const recorded: RecordedRequest = { path, headers: req.headers, raw, body };
    const index = this.requests.length;
    this.requests.push(recorded);
    const reply = (this.#queue.shift() ?? this.#default)(recorded, index);

    if (reply.delayMs && reply.delayMs > 0) {
      const closed = await waitOrClose(res, reply.delayMs);
      if (closed) return;
    }
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const status = reply.status ?? 200;
    if (status !== 200) {
      const errorBody = reply.body ?? {
        error: { message: `status ${status}`, type: 'server_error', code: null },
      };
      res.writeHead(status, {
        'content-type': 'application/json',
        ...reply.headers,
      });
      res.end(typeof errorBody === 'string' ? errorBody : JSON.stringify(errorBody));
      return;
    }

    // biome-ignore lint/suspicious/noExplicitAny: the request body is whatever the client sent
    const request = body as any;
    const content = reply.refusal === undefined ? contentText(reply.content) : null;
    const usage = reply.usage ?? {
      prompt_tokens: estimatePromptTokens(request),
      completion_tokens: estimateTokens(content ?? reply.refusal ?? ''),
    };
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const finishReason = reply.finishReason ?? 'stop';
    const base = {
      id: `chatcmpl-fake-${index}`,
      created: Math.floor(Date.now() / 1000),
      model: request.model ?? 'fake',
    };

    if (request.stream === true) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        ...reply.headers,
      });
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = (delta: unknown, finish: string | null) =>
        send({
          ...base,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
        });
      chunk({ role: 'assistant', content: '' }, null);
      const step = Math.max(1, reply.chunkChars ?? 12);
      if (reply.refusal !== undefined) {
        chunk({ refusal: reply.refusal }, null);
      } else if (content !== null) {
        for (let i = 0, sent = 0; i < content.length; i += step, sent++) {
          if (reply.stallAfterChunks !== undefined && sent >= reply.stallAfterChunks) return;
          chunk({ content: content.slice(i, i + step) }, null);
        }
      }
      chunk({}, finishReason);
      if (request.stream_options?.include_usage) {
        send({ ...base, object: 'chat.completion.chunk', choices: [], usage: fullUsage });
      }
      res.end('data: [DONE]\n\n');
      return;
    }

    sendJson(
      res,
      200,
      {
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: reply.refusal ?? null },
            finish_reason: finishReason,
            logprobs: null,
          },
        ],
        usage: fullUsage,
      },
      reply.headers,
    );
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Resolves true if the client went away first. */
function waitOrClose(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    res.once('close', onClose);
  });
}
