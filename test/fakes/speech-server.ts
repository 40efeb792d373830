/**
 * A local OpenAI-compatible speech-to-text server for tests and the bench: `POST /v1/audio/transcriptions`
 * over real HTTP, the multipart body parsed as a server would (the WHATWG `Request.formData()` parser).
 *
 * By default it answers in the shape the request asked for: `json` ({ text }), `verbose_json`
 * ({ text, duration, words, segments } with timestamps made from `transcript`), `text` (plain). Tests
 * script other replies with `enqueue` (used once each, in order): errors, delays, cut connections,
 * servers that refuse `verbose_json`. Every request is recorded, file bytes included.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SpeechRequest {
  authorization: string | undefined;
  model: string;
  responseFormat: string;
  timestampGranularities: string[];
  prompt: string | null;
  file: { name: string; type: string; bytes: Uint8Array };
}

export interface SpeechReply {
  status?: number;
  /** JSON-encoded unless a string; a string goes out as text/plain. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Cut the connection instead of answering. */
  destroy?: boolean;
}

export type SpeechResponder = (request: SpeechRequest, index: number) => SpeechReply;

/** Word timings for `text` at a steady pace, with a pause inserted after any word listed in `pausesAfter`. */
export function timedWords(
  text: string,
  wordsPerMinute = 150,
  pausesAfter: Record<number, number> = {},
): { word: string; start: number; end: number }[] {
  const step = 60 / wordsPerMinute;
  let at = 0.4;
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word, index) => {
      const entry = { word, start: round(at), end: round(at + step * 0.8) };
      at += step + (pausesAfter[index] ?? 0);
      return entry;
    });
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** A `verbose_json` body for `text`, its words timed by `timedWords`. */
export function verboseBody(text: string, words = timedWords(text)) {
  const end = words.at(-1)?.end ?? 0;
  return {
    task: 'transcribe',
    language: 'english',
    duration: round(end + 0.5),
    text,
    words,
    segments: [
      { id: 0, seek: 0, start: words[0]?.start ?? 0, end, text: ` ${text}`, tokens: [], temperature: 0 },
    ],
  };
}

export class FakeSpeechServer {
  readonly requests: SpeechRequest[] = [];
  /** What the default reply says was heard. */
  transcript = 'I checked the documentation and coded chest pain as R07.9, then queried the physician.';
  #queue: SpeechResponder[] = [];
  #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => res.destroy());
    });
  }

  static async start(): Promise<FakeSpeechServer> {
    const fake = new FakeSpeechServer();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.#port}/v1`;
  }

  enqueue(...replies: Array<SpeechReply | SpeechResponder>): this {
    this.#queue.push(...replies.map((reply) => (typeof reply === 'function' ? reply : () => reply)));
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.#queue = [];
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The reply a compatible server gives for the format asked. */
  defaultReply(request: SpeechRequest): SpeechReply {
    if (request.responseFormat === 'verbose_json') return { body: verboseBody(this.transcript) };
    if (request.responseFormat === 'text') return { body: this.transcript };
    return { body: { text: this.transcript, usage: { type: 'duration', seconds: 8 } } };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/v1/audio/transcriptions') {
      return send(res, {
        status: 404,
        body: { error: { message: 'not found', type: 'invalid_request_error' } },
      });
    }
    let form: FormData;
    try {
      const headers = { 'content-type': req.headers['content-type'] ?? '' };
      form = await new Request('http://fake/', {
        method: 'POST',
        headers,
        body: Buffer.concat(chunks),
      }).formData();
    } catch {
      return send(res, {
        status: 400,
        body: { error: { message: 'expected multipart/form-data', type: 'invalid_request_error' } },
      });
    }
    const file = form.get('file');
    if (!(file instanceof Blob)) {
      return send(res, {
        status: 400,
        body: { error: { message: "'file' is required", type: 'invalid_request_error' } },
      });
    }
    const request: SpeechRequest = {
      authorization: req.headers.authorization,
      model: String(form.get('model') ?? ''),
      responseFormat: String(form.get('response_format') ?? 'json'),
      timestampGranularities: form.getAll('timestamp_granularities[]').map(String),
      prompt: form.has('prompt') ? String(form.get('prompt')) : null,
      file: { name: (file as File).name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
    };
    const index = this.requests.length;
    this.requests.push(request);
    const reply = (this.#queue.shift() ?? ((r: SpeechRequest) => this.defaultReply(r)))(request, index);
    if (reply.delayMs) {
      const closed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), reply.delayMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (closed) return;
    }
    if (reply.destroy) {
      res.destroy();
      return;
    }
    send(res, reply);
  }
}

function send(res: ServerResponse, reply: SpeechReply): void {
  const text = typeof reply.body === 'string';
  const body = text ? (reply.body as string) : JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status ?? 200, {
    'content-type': text ? 'text/plain; charset=utf-8' : 'application/json',
    ...reply.headers,
  });
  res.end(body);
}
