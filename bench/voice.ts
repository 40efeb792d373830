/**
 * voice.overhead_p99_ms: our work around an instant transcription of a 60-second clip, on loopback.
 * A member's recording (test/fixtures/audio/minute.ogg: 60 s of speech, 62 kB of Ogg Opus, the way
 * Discord and phones record) is answered through the real coach: the clip is downloaded from a local
 * file server (fetch, the way the adapters do), its format and length read, uploaded as multipart by the
 * openai client to the fake speech server (which answers `verbose_json` with 150 timed words at once),
 * the delivery figures worked out, the transcript redacted and stored, and the transcript reply sent.
 * Timed from `handle` to that reply, before grading starts (grading has its own figures). The fakes
 * run in this process, so their work counts too: the figure is an upper bound. Target < 30 ms.
 * voice.overhead_p50_ms: for information.
 *
 * `node --import tsx -e "import('./bench/voice.ts').then(m => m.benchVoice((n,v,u)=>console.log(n+': '+v+' '+u)))"`
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import { systemClock } from '../src/core/clock.ts';
import { createCoach } from '../src/core/coach.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor, AudioClip, Outbox } from '../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { packageRoot } from '../src/package-root.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import { createOpenAITranscriber } from '../src/transcription/openai-transcriber.ts';
import { readAtMost } from '../src/voice/audio-rejected.ts';
import { FakeSpeechServer } from '../test/fakes/speech-server.ts';
import { benchEvent, percentile } from './bench-support.ts';

const WARM_UP = 40;
const SAMPLES = 300;

const spokenMinute = Array.from(
  { length: 5 },
  () =>
    'In my last role a physician documented chest pain with no further detail, um, so I coded R07.9 and sent a non-leading query asking whether a more specific diagnosis was supported.',
).join(' ');

export async function benchVoice(print: (name: string, value: number, unit: string) => void) {
  const recording = readFileSync(join(packageRoot, 'test/fixtures/audio/minute.ogg'));
  const files = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'audio/ogg', 'content-length': recording.length });
    response.end(recording);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  const fileUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/voice-message.ogg`;
  const speech = await FakeSpeechServer.start();
  speech.transcript = spokenMinute;
  const store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock: systemClock });
  const coach = createCoach({
    store,
    packs: loadPacks(),
    feedback: createOfflineFeedbackModel(),
    clock: systemClock,
    logger: silentLogger,
    transcriber: createOpenAITranscriber({
      apiKey: 'bench',
      baseURL: speech.baseURL,
      model: 'whisper-1',
      timeoutMs: 5000,
    }),
  });
  const clip: AudioClip = {
    name: 'voice-message.ogg',
    mimeType: 'audio/ogg',
    sizeBytes: recording.length,
    durationSeconds: 60,
    load: async ({ maxBytes, signal }) => readAtMost((await fetch(fileUrl, { signal })).body, maxBytes),
  };

  const samples: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      const actor: Actor = { platform: 'bench', tenant: 'T', user: `voice-${i}` };
      await coach.handle(benchEvent(actor, { type: 'session-start', options: { count: 1 } }), quiet);
      let heardAt = 0;
      const out: Outbox = {
        send: async () => ({ id: 'x' }),
        update: async (_handle, reply) => {
          if (reply.type === 'transcript' && reply.status === 'final') heardAt = performance.now();
        },
      };
      const started = performance.now();
      await coach.handle(benchEvent(actor, { type: 'answer-audio', audio: clip }), out);
      if (heardAt === 0) throw new Error('the recording was not transcribed');
      if (i >= WARM_UP) samples.push(heardAt - started);
    }
  } finally {
    await store.close();
    await speech.close();
    files.closeAllConnections();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  }
  print('voice.overhead_p50_ms', percentile(samples, 50), 'ms');
  print('voice.overhead_p99_ms', percentile(samples, 99), 'ms');
}

const quiet: Outbox = { send: async () => ({ id: 'x' }), update: async () => {} };
