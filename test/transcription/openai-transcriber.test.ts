import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TranscriptionFailed } from '../../src/core/transcriber.ts';
import { createOpenAITranscriber, timestampsOffered } from '../../src/transcription/openai-transcriber.ts';
import type { AudioUpload } from '../../src/voice/voice-types.ts';
import { FakeSpeechServer, timedWords, verboseBody } from '../fakes/speech-server.ts';

let speech: FakeSpeechServer;
beforeAll(async () => {
  speech = await FakeSpeechServer.start();
});
afterAll(() => speech.close());
beforeEach(() => speech.reset());

const upload: AudioUpload = {
  bytes: new Uint8Array(readFileSync(new URL('../fixtures/audio/speech.ogg', import.meta.url))),
  filename: 'answer.ogg',
  mimeType: 'audio/ogg',
};

const transcriber = (model = 'whisper-1', timeoutMs = 2000) =>
  createOpenAITranscriber({ apiKey: 'sk-test', baseURL: speech.baseURL, model, timeoutMs });

describe('the OpenAI-compatible transcriber', () => {
  it('uploads the recording as multipart and asks whisper-style models for word and segment timestamps', async () => {
    speech.transcript = 'Um, I coded R07.9 and queried the physician.';
    const heard = await transcriber('whisper-1').transcribe(upload);
    const request = speech.requests[0]!;
    expect(request).toMatchObject({
      authorization: 'Bearer sk-test',
      model: 'whisper-1',
      responseFormat: 'verbose_json',
      timestampGranularities: ['word', 'segment'],
      file: { name: 'answer.ogg', type: 'audio/ogg' },
    });
    expect([...request.file.bytes]).toEqual([...upload.bytes]);
    // The prompt is written with fillers, so Whisper keeps the member's.
    expect(request.prompt).toMatch(/umm/i);
    expect(heard.text).toBe('Um, I coded R07.9 and queried the physician.');
    expect(heard.words).toHaveLength(8);
    expect(heard.words?.[0]).toEqual({ text: 'Um,', start: 0.4, end: 0.72 });
    expect(heard.segments).toHaveLength(1);
    expect(heard.durationSeconds).toBeGreaterThan(3);
  });

  it('asks gpt-4o transcribe models for plain json, which carries no timing', async () => {
    expect(timestampsOffered('gpt-4o-mini-transcribe')).toBe(false);
    expect(timestampsOffered('Systran/faster-whisper-small')).toBe(true);
    const heard = await transcriber('gpt-4o-mini-transcribe').transcribe(upload);
    expect(speech.requests[0]).toMatchObject({ responseFormat: 'json', timestampGranularities: [] });
    expect(heard).toEqual({ text: speech.transcript, durationSeconds: null, words: null, segments: null });
  });

  it('takes each response shape servers send: text/plain, segments without words, extra fields', async () => {
    const t = transcriber('whisper-1');
    speech.enqueue({ body: '  plain text answer \n' });
    expect(await t.transcribe(upload)).toEqual({
      text: 'plain text answer',
      durationSeconds: null,
      words: null,
      segments: null,
    });
    const { words: _words, ...segmentsOnly } = verboseBody(
      'segments only here',
      timedWords('segments only here'),
    );
    speech.enqueue({ body: { ...segmentsOnly, x_groq: { id: 'abc' } } });
    const heard = await t.transcribe(upload);
    expect(heard.words).toBeNull();
    expect(heard.segments).toEqual([{ text: 'segments only here', start: 0.4, end: 1.52 }]);
    // A field of the wrong shape is dropped, not fatal.
    speech.enqueue({ body: { text: 'odd server', duration: 'n/a', words: 'none' } });
    expect(await t.transcribe(upload)).toMatchObject({
      text: 'odd server',
      words: null,
      durationSeconds: null,
    });
  });

  it('asks again for json when a server refuses verbose_json, and keeps asking for json', async () => {
    const t = transcriber('whisper-large-v3');
    speech.enqueue({
      status: 400,
      body: { error: { message: "response_format 'verbose_json' is not supported" } },
    });
    expect((await t.transcribe(upload)).text).toBe(speech.transcript);
    await t.transcribe(upload);
    expect(speech.requests.map((request) => request.responseFormat)).toEqual([
      'verbose_json',
      'json',
      'json',
    ]);
  });

  it('retries 429 (waiting what the server asks), 5xx, a cut connection and a timeout within its deadline', async () => {
    const t = createOpenAITranscriber({
      apiKey: 'k',
      baseURL: speech.baseURL,
      model: 'whisper-1',
      timeoutMs: 1000,
      maxAttempts: 5,
    });
    speech.enqueue(
      { status: 429, headers: { 'retry-after-ms': '20' }, body: { error: { message: 'slow down' } } },
      { status: 503, body: { error: { message: 'busy' } } },
      { destroy: true },
      { delayMs: 2500 },
    );
    expect((await t.transcribe(upload)).text).toBe(speech.transcript);
    expect(speech.requests).toHaveLength(5);
  });

  it('gives up with TranscriptionFailed, its reason for logs, when the server keeps failing', async () => {
    const t = transcriber('whisper-1', 300);
    for (let i = 0; i < 5; i++) speech.enqueue({ status: 500, body: { error: { message: 'down' } } });
    const error = await t.transcribe(upload).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TranscriptionFailed);
    expect((error as TranscriptionFailed).reason).toBe('http-500');
    expect(speech.requests).toHaveLength(3);
    // A refusal that retrying cannot fix is not retried.
    speech.reset();
    speech.enqueue({ status: 401, body: { error: { message: 'bad key' } } });
    const unauthorised = await t.transcribe(upload).catch((caught: unknown) => caught);
    expect((unauthorised as TranscriptionFailed).reason).toBe('http-401');
    expect(speech.requests).toHaveLength(1);
  });
});
