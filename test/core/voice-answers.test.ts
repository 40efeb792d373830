import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackModel } from '../../src/core/feedback-model.ts';
import type { Actor, AudioClip, Reply } from '../../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { createOpenAITranscriber } from '../../src/transcription/openai-transcriber.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { FakeSpeechServer, timedWords, verboseBody } from '../fakes/speech-server.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

const ann: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ann' };
const place = { channel: 'C1' };
const start = { type: 'session-start', options: { packId: 'mini', count: 2, followUps: 0 } } as const;

let speech: FakeSpeechServer;
beforeAll(async () => {
  speech = await FakeSpeechServer.start();
});
afterAll(() => speech.close());
beforeEach(() => {
  speech.reset();
  speech.transcript = 'Um, I coded the chest pain as R07.9 and, uh, sent a query to the physician.';
});

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url)));

/** A clip as an adapter hands it over, counting its downloads. */
function clip(bytes: Uint8Array, announced: Partial<AudioClip> = {}): AudioClip & { loads: number } {
  const audio = {
    name: 'voice-message.ogg',
    mimeType: 'audio/ogg',
    sizeBytes: bytes.length,
    loads: 0,
    async load({ maxBytes }: { maxBytes: number }) {
      audio.loads += 1;
      return bytes.length > maxBytes ? Promise.reject(new Error('too big')) : bytes;
    },
    ...announced,
  };
  return audio;
}

const spoken = (audio: AudioClip) => ({ type: 'answer-audio', audio }) as const;

const logged: unknown[] = [];
const recordingLogger = {
  warn: (event: string, fields?: Record<string, unknown>) => logged.push({ event, ...fields }),
  error: (event: string, fields?: Record<string, unknown>) => logged.push({ event, ...fields }),
};

async function harness(
  options: { voice?: boolean; maxAudioSeconds?: number; model?: string; feedback?: FeedbackModel } = {},
) {
  const transcriber =
    options.voice === false
      ? null
      : createOpenAITranscriber({
          apiKey: 'test',
          baseURL: speech.baseURL,
          model: options.model ?? 'whisper-1',
          timeoutMs: 500,
        });
  const feedback = options.feedback ?? createOfflineFeedbackModel();
  const opened = await openHarness(feedback, 'memory://', undefined, 'voice', {
    transcriber,
    maxAudioSeconds: options.maxAudioSeconds ?? 300,
    logger: recordingLogger,
  });
  const out = new RecordingOutbox();
  await opened.coach.handle(eventFor(ann, place, start), out);
  return { ...opened, out };
}

const transcripts = (out: RecordingOutbox) =>
  out.log
    .map((entry) => entry.reply)
    .filter((reply): reply is Extract<Reply, { type: 'transcript' }> => reply.type === 'transcript');

describe('a spoken answer through the core', () => {
  it('shows the transcript with delivery figures, then grades it exactly like a typed answer', async () => {
    const { coach, store, out } = await harness();
    await coach.handle(eventFor(ann, place, spoken(clip(fixture('speech.ogg')))), out);
    expect(out.types().slice(1)).toEqual([
      'transcript',
      'update:transcript',
      'feedback',
      'update:feedback',
      'question',
    ]);
    const [pending, final] = transcripts(out);
    expect(pending).toMatchObject({ status: 'pending', text: 'Transcribing your answer…' });
    expect(final?.status).toBe('final');
    expect(final?.transcript).toBe(speech.transcript);
    // 16 words one 0.4 s step apart (150 a minute): 6.3 s from the first word's start to the last's end.
    expect(final?.delivery).toMatchObject({
      seconds: 6.3,
      wordsPerMinute: 152,
      fillers: { uh: 1, um: 1 },
      longPauses: [],
    });
    expect(final?.text).toMatch(
      /^Heard 0:06 of speech\. Delivery: 152 words a minute · 19 fillers a minute \(uh ×1, um ×1\) · no long pauses\.\n19 fillers a minute, mostly "uh"/,
    );
    // The transcript was graded: the offline grader found R07.9 and the query.
    expect(out.finalFeedback()[0]?.grade?.coveredPoints).toEqual(['Codes R07.9', 'Queries the physician']);
    const history = await store.getHistory(ann);
    expect(history.attempts).toHaveLength(1);
    expect(history.spoken).toEqual([
      { seconds: 6.3, wordsPerMinute: 152, fillersPerMinute: 19, at: expect.any(Number) },
    ]);
    // The upload went out under a neutral name: a file name can identify a patient or a member.
    expect(speech.requests[0]?.file.name).toBe('answer.ogg');
  });

  it('redacts patient identifiers in the transcript before it is shown, stored or graded', async () => {
    const model = new ScriptedFeedbackModel(() => gradeOf(4));
    const { out, ...opened } = await harness({ feedback: model });
    speech.transcript = 'The patient John Smith, MRN 4455667, had chest pain, so I coded R07.9.';
    await opened.coach.handle(eventFor(ann, place, spoken(clip(fixture('speech.ogg')))), out);
    const shown = transcripts(out).at(-1)?.transcript ?? '';
    expect(shown).not.toContain('4455667');
    expect(shown).not.toContain('John Smith');
    expect(shown).toContain('R07.9');
    expect(model.requests[0]?.answer).toBe(shown);
    const logged = await opened.store.loggedAnswers(ann, opened.clock.now() - 86_400_000);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain('4455667');
  });

  it('tells a member how to turn voice answers on when no speech server is configured', async () => {
    const { coach, store, out } = await harness({ voice: false });
    const audio = clip(fixture('speech.ogg'));
    await coach.handle(eventFor(ann, place, spoken(audio)), out);
    expect(out.last('error')).toMatchObject({ code: 'VOICE_OFF', private: true });
    expect(out.last('error')?.text).toMatch(/OPENAI_API_KEY.*type your answer/s);
    expect(audio.loads).toBe(0);
    expect((await store.getSession(ann, 'C1'))?.turn?.pending).toBeNull();
  });

  it('refuses a recording the platform says is too large or too long before downloading it', async () => {
    const { coach, out } = await harness({ maxAudioSeconds: 120 });
    const large = clip(fixture('speech.ogg'), { sizeBytes: 26 * 1024 * 1024 });
    await coach.handle(eventFor(ann, place, spoken(large)), out);
    expect(out.last('error')).toMatchObject({ code: 'AUDIO_TOO_LARGE' });
    expect(out.last('error')?.text).toMatch(/26\.0 MB; the limit is 25 MB/);
    const long = clip(fixture('speech.ogg'), { durationSeconds: 185 });
    await coach.handle(eventFor(ann, place, spoken(long)), out);
    expect(out.last('error')?.text).toMatch(/3:05 long; the limit is 2:00/);
    expect(large.loads + long.loads).toBe(0);
    expect(speech.requests).toHaveLength(0);
  });

  it('refuses a recording whose headers show it is over the limit, before uploading it', async () => {
    const { coach, out } = await harness({ maxAudioSeconds: 5 });
    const audio = clip(fixture('speech.mp3'), { durationSeconds: null, name: 'answer.mp3' });
    await coach.handle(eventFor(ann, place, spoken(audio)), out);
    expect(audio.loads).toBe(1);
    expect(transcripts(out).at(-1)).toMatchObject({ status: 'failed' });
    expect(transcripts(out).at(-1)?.text).toMatch(/0:08 long; the limit is 0:05/);
    expect(speech.requests).toHaveLength(0);
  });

  it('refuses a file that is not a recording, and says which formats work', async () => {
    const { coach, out } = await harness();
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
    await coach.handle(eventFor(ann, place, spoken(clip(html, { name: 'clip.webm' }))), out);
    expect(transcripts(out).at(-1)?.text).toMatch(/mp3, mp4, m4a, wav, webm or ogg/);
    expect(speech.requests).toHaveLength(0);
  });

  it('gives an empty or silent recording its own message', async () => {
    const { coach, store, out } = await harness();
    await coach.handle(eventFor(ann, place, spoken(clip(new Uint8Array(), { sizeBytes: null }))), out);
    expect(transcripts(out).at(-1)?.text).toMatch(/could not hear any words/);
    // Whisper's invention on silence is not an answer either.
    speech.enqueue({ body: verboseBody('you', []) });
    await coach.handle(eventFor(ann, place, spoken(clip(fixture('silence.ogg')))), out);
    expect(transcripts(out).at(-1)?.text).toMatch(/could not hear any words/);
    speech.enqueue({ body: { text: '' } });
    await coach.handle(eventFor(ann, place, spoken(clip(fixture('silence.ogg')))), out);
    expect(transcripts(out).at(-1)?.text).toMatch(/could not hear any words/);
    expect((await store.getSession(ann, 'C1'))?.turn?.pending).toBeNull();
    expect(out.finalFeedback()).toHaveLength(0);
  });

  it('says so when the download fails, and keeps nothing', async () => {
    const { coach, store, out } = await harness();
    const broken: AudioClip = {
      name: 'a.ogg',
      load: () => Promise.reject(new Error('403 from the platform')),
    };
    await coach.handle(eventFor(ann, place, spoken(broken)), out);
    expect(transcripts(out).at(-1)?.text).toMatch(/Could not download that recording/);
    expect((await store.getSession(ann, 'C1'))?.turn?.pending).toBeNull();
  });

  it('after transcription fails, says to type or try again; the same recording sent again is then graded once', async () => {
    const { coach, store, out } = await harness();
    for (let i = 0; i < 3; i++) speech.enqueue({ status: 503, body: { error: { message: 'busy' } } });
    const event = eventFor(ann, place, spoken(clip(fixture('speech.ogg'))), 'voice-delivery-1');
    await coach.handle(event, out);
    expect(transcripts(out).at(-1)).toMatchObject({ status: 'failed' });
    expect(transcripts(out).at(-1)?.text).toMatch(
      /Could not transcribe.*type your answer.*nothing from it was saved/s,
    );
    expect((await store.getSession(ann, 'C1'))?.turn?.pending).toBeNull();
    expect((await store.getHistory(ann)).attempts).toHaveLength(0);
    // The platform delivers the same event again (or the member resends): now it goes through, once.
    await coach.handle(event, out);
    await coach.handle(event, out);
    expect(out.finalFeedback()).toHaveLength(1);
    expect((await store.getHistory(ann)).attempts).toHaveLength(1);
    expect((await store.getHistory(ann)).spoken).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toMatch(/R07\.9|chest pain/);
  });

  it('counts a recording delivered twice at once only once', async () => {
    const { coach, store, out } = await harness();
    const event = eventFor(ann, place, spoken(clip(fixture('speech.ogg'))), 'voice-twice');
    await Promise.all([coach.handle(event, out), coach.handle(event, new RecordingOutbox())]);
    const history = await store.getHistory(ann);
    expect(history.attempts).toHaveLength(1);
    expect(history.spoken).toHaveLength(1);
  });

  it('keeps a transcribed answer through a crash before grading, delivery figures included', async () => {
    let crash = true;
    const model = new ScriptedFeedbackModel(() => {
      if (crash) throw new Error('process died mid-grade');
      return gradeOf(4);
    });
    const { out, ...opened } = await harness({ feedback: model });
    await opened.coach.handle(eventFor(ann, place, spoken(clip(fixture('speech.ogg')))), out);
    const pending = (await opened.store.getSession(ann, 'C1'))?.turn?.pending;
    expect(pending?.text).toBe(speech.transcript);
    expect(pending?.spoken).toMatchObject({ wordsPerMinute: 152 });
    crash = false;
    await opened.coach.handle(eventFor(ann, place, { type: 'hint-request' }), out);
    expect(out.finalFeedback().at(-1)?.notes).toContain(
      'Picking up the answer you sent before the interruption.',
    );
    expect((await opened.store.getHistory(ann)).spoken).toHaveLength(1);
    expect(speech.requests).toHaveLength(1);
  });

  it('works without timestamps (gpt-4o transcribe models): pace from the clip, no pauses', async () => {
    const { coach, out } = await harness({ model: 'gpt-4o-mini-transcribe' });
    await coach.handle(eventFor(ann, place, spoken(clip(fixture('speech.ogg')))), out);
    const final = transcripts(out).at(-1);
    expect(final?.delivery).toMatchObject({ seconds: 7.5, wordsPerMinute: 129, longPauses: null });
    expect(final?.text).not.toMatch(/long pause/);
  });

  it('shows the trend of pace and fillers in progress', async () => {
    const { coach, clock, out } = await harness();
    const paces = [190, 170, 150, 140];
    for (const [index, pace] of paces.entries()) {
      const text =
        index < 2
          ? 'Um, uh, like, I coded R07.9 and queried the physician'
          : 'I coded R07.9 and queried the physician';
      speech.enqueue({ body: verboseBody(text, timedWords(text, pace)) });
      await coach.handle(eventFor(ann, place, spoken(clip(fixture('speech.ogg')))), out);
      if (index === 1) await coach.handle(eventFor(ann, place, start), out);
      clock.advance(60_000);
    }
    const report = await coach.progress(ann);
    expect(report.voice).toMatchObject({ answers: 4, wordsPerMinute: { first: 184, latest: 149 } });
    expect(report.voice?.fillersPerMinute.latest).toBe(0);
    expect(report.voice?.text).toMatch(
      /^Voice answers: 4 · pace 184 → 149 words a minute .* fillers \d+(\.\d)? → 0 a minute$/,
    );
    const typedOnly = await openHarness(createOfflineFeedbackModel(), 'memory://', undefined, 'voice-none');
    expect((await typedOnly.coach.progress(ann)).voice).toBeNull();
  });
});
