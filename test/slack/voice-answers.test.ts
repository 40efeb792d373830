import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAudioClip } from '../../adapters/slack/recordings.ts';
import { createDrillScheduler } from '../../src/core/drill-scheduler.ts';
import type { GradeRequest } from '../../src/core/feedback-model.ts';
import { messages } from '../../src/core/messages.ts';
import type { Actor } from '../../src/core/ports.ts';
import { voiceMessages } from '../../src/core/voice-messages.ts';
import { createOpenAITranscriber } from '../../src/transcription/openai-transcriber.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { FakeSlackServer, type HostedFileInput, type SlackCall } from '../fakes/slack-server.ts';
import { FakeSpeechServer } from '../fakes/speech-server.ts';
import { gradeOf, openSlackHarness, type SlackHarness, SlowFeedbackModel, textOf } from './harness.ts';

const audio = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url)));
const speechOgg = audio('speech.ogg');
const speechM4a = audio('speech.m4a');

// Monday 23 November 2026, 09:30 UTC: the drill (09:00 UTC, Monday to Friday) is due.
const clock = new ManualClock(Date.UTC(2026, 10, 23, 9, 30));
// Every answer is simply graded (no follow-up), and the grade names what was graded.
const model = new SlowFeedbackModel(0, (request: GradeRequest) => gradeOf(4, `Graded: ${request.answer}`));
const heard = 'I checked the chart <!channel> & coded R07.9,\nthen queried the physician.';

let h: SlackHarness;
let speech: FakeSpeechServer;

beforeAll(async () => {
  speech = await FakeSpeechServer.start();
  speech.transcript = heard;
  const transcriber = createOpenAITranscriber({
    apiKey: 'test',
    baseURL: speech.baseURL,
    model: 'whisper-1',
    timeoutMs: 2000,
  });
  h = await openSlackHarness({ feedback: model, clock, transcriber });
  h.fake.users.set('UADMIN', { is_admin: true });
});
afterAll(async () => {
  await h?.close();
  await speech?.close();
});

const posts = () => h.fake.callsTo('chat.postMessage');
const postsIn = (thread: string) => posts().filter((call) => call.body.thread_ts === thread);
const ephemeralsTo = (user: string) =>
  h.fake.callsTo('chat.postEphemeral').filter((c) => c.body.user === user);
const finalOf = (post: SlackCall) =>
  h.fake
    .callsTo('chat.update')
    .filter((call) => call.body.ts === post.result.ts)
    .at(-1);
const actor = (user: string): Actor => ({ platform: 'slack', tenant: 'T1', user });
const answered = async (user: string) => (await h.coach.progress(actor(user))).answered;
const clip = (input: Partial<HostedFileInput> = {}) =>
  h.fake.hostFile({
    bytes: speechOgg,
    name: 'voice.ogg',
    mimetype: 'audio/ogg',
    duration_ms: 7500,
    ...input,
  });
const downloadsOf = (fileId: string) => h.fake.fileDownloads.filter((download) => download.fileId === fileId);

/** A new session for `user` in `channel`; returns its thread. */
async function startSession(user: string, channel: string): Promise<string> {
  await h.requests.command('/coach', 'start medical-coding technical junior 5', {
    user,
    channel,
    responseUrl: h.fake.responseUrl(),
  });
  const question = posts()
    .filter((call) => call.body.channel === channel && !call.body.thread_ts)
    .at(-1);
  return String(question!.result.ts);
}

describe('a voice answer in a session thread', () => {
  it('shows the escaped transcript, then grades what was heard, ignoring the text typed with it', async () => {
    const thread = await startSession('U1', 'C1');
    const file = clip();
    const before = posts().length;
    const heardBefore = speech.requests.length;
    await h.requests.fileShare({
      user: 'U1',
      channel: 'C1',
      thread,
      text: 'see my recording',
      files: [file],
    });

    // The bot token went with the download, to the URL Slack gave, and the bytes on to the speech server.
    expect(downloadsOf(file.id)).toEqual([
      expect.objectContaining({ authorization: 'Bearer xoxb-test', served: 'file' }),
    ]);
    expect(speech.requests).toHaveLength(heardBefore + 1);
    expect(speech.requests.at(-1)!.file.bytes).toEqual(speechOgg);

    const [transcript, placeholder, ...others] = posts().slice(before);
    expect(transcript!.body.thread_ts).toBe(thread);
    expect(textOf(transcript!)).toBe(`:studio_microphone: ${voiceMessages.transcribing(7.5)}`);
    const shown = textOf(finalOf(transcript!)!);
    expect(shown).toMatch(/^:studio_microphone: Heard 0:0\d of speech\. Delivery: \d+ words a minute/);
    expect(shown).toContain(
      '> I checked the chart &lt;!channel&gt; &amp; coded R07.9,\n> then queried the physician.',
    );
    expect(JSON.stringify(finalOf(transcript!)!.body)).not.toContain('<!channel>');

    expect(textOf(placeholder!)).toContain(messages.gradingPlaceholder());
    expect(placeholder!.seq).toBeGreaterThan(finalOf(transcript!)!.seq);
    const graded = textOf(finalOf(placeholder!)!);
    expect(graded).toMatch(/^Score 4\/5/);
    expect(graded).not.toContain('see my recording');
    expect(model.requests.at(-1)!.answer).toBe(heard);
    expect(textOf(others.at(-1)!)).toMatch(/^Q2\/5/);
    expect(await answered('U1')).toBe(1);
    // Neither the token nor the member's words reach the logs.
    expect(JSON.stringify(h.logs)).not.toMatch(/xoxb|queried the physician/);
  });

  it('takes a clip recorded with Slack’s microphone button, in a message without a subtype', async () => {
    const thread = await startSession('U2', 'C2');
    const file = clip({
      bytes: speechM4a,
      name: 'audio_message',
      mimetype: 'audio/mp4',
      filetype: 'm4a',
      subtype: 'slack_audio',
    });
    await h.requests.fileShare({ user: 'U2', channel: 'C2', thread, files: [file], subtype: null });
    expect(downloadsOf(file.id)).toHaveLength(1);
    expect(speech.requests.at(-1)!.file.bytes).toEqual(speechM4a);
    expect(await answered('U2')).toBe(1);
  });

  it('asks files.info for a file the event only names, then takes it', async () => {
    const thread = await startSession('U3', 'C3');
    const file = clip();
    await h.requests.fileShare({
      user: 'U3',
      channel: 'C3',
      thread,
      files: [FakeSlackServer.partialFile(file)],
    });
    const info = h.fake.callsTo('files.info').at(-1)!;
    expect(info.body.file).toBe(file.id);
    expect(info.token).toBe('xoxb-test');
    expect(downloadsOf(file.id)).toHaveLength(1);
    expect(await answered('U3')).toBe(1);
  });

  it('counts a re-delivered recording once, whether Slack retries the event or sends it anew', async () => {
    const thread = await startSession('U4', 'C4');
    const file = clip();
    const heardBefore = speech.requests.length;
    const share = { user: 'U4', channel: 'C4', thread, files: [file], ts: '1800000001.000100' };
    await h.requests.fileShare({ ...share, eventId: 'EvVoice1' });
    await h.requests.fileShare({ ...share, eventId: 'EvVoice1', retryNum: 1 });
    await h.requests.fileShare({ ...share, eventId: 'EvVoice2' });
    expect(speech.requests).toHaveLength(heardBefore + 1);
    const graded = postsIn(thread).filter((call) => textOf(call).includes(messages.gradingPlaceholder()));
    expect(graded).toHaveLength(1);
    expect(await answered('U4')).toBe(1);
  });

  it('tells the member the download failed when Slack serves its sign-in page, stores nothing, and takes it again', async () => {
    const thread = await startSession('U5', 'C5');
    h.fake.fileToken = 'xoxb-another-app';
    const heardBefore = speech.requests.length;
    const refused = clip();
    await h.requests.fileShare({ user: 'U5', channel: 'C5', thread, files: [refused] });
    h.fake.fileToken = 'xoxb-test';
    expect(downloadsOf(refused.id)).toEqual([
      expect.objectContaining({ authorization: 'Bearer xoxb-test', served: 'login-page' }),
    ]);
    expect(speech.requests).toHaveLength(heardBefore);
    const transcript = postsIn(thread).at(-1)!;
    expect(textOf(finalOf(transcript)!)).toBe(`:warning: ${voiceMessages.downloadFailed()}`);
    expect(await answered('U5')).toBe(0);
    const logged = h.logs.find((entry) => entry.event === 'slack-file-download-failed');
    expect(logged?.fields).toEqual({ status: 200, reason: 'sign-in-page' });
    expect(JSON.stringify(h.logs)).not.toContain('xoxb');

    await h.requests.fileShare({ user: 'U5', channel: 'C5', thread, files: [clip()] });
    expect(await answered('U5')).toBe(1);
  });

  it('tells the member the download failed when Slack answers with an error status, and logs the status alone', async () => {
    const thread = await startSession('U12', 'C12');
    h.fake.failDownloads(503);
    await h.requests.fileShare({ user: 'U12', channel: 'C12', thread, files: [clip()] });
    const transcript = postsIn(thread).at(-1)!;
    expect(textOf(finalOf(transcript)!)).toBe(`:warning: ${voiceMessages.downloadFailed()}`);
    expect(h.logs.filter((entry) => entry.event === 'slack-file-download-failed').at(-1)?.fields).toEqual({
      status: 503,
    });
    expect(await answered('U12')).toBe(0);
  });

  it('refuses a file announced over 25 MB without downloading it', async () => {
    const thread = await startSession('U6', 'C6');
    const big = clip({ size: 26 * 1024 * 1024 });
    await h.requests.fileShare({ user: 'U6', channel: 'C6', thread, files: [big] });
    expect(downloadsOf(big.id)).toEqual([]);
    expect(textOf(ephemeralsTo('U6').at(-1)!)).toContain(voiceMessages.audioTooLarge(26, 25));
    expect(postsIn(thread)).toEqual([]);
    expect(await answered('U6')).toBe(0);
  });

  it('refuses a recording announced as too long without downloading it', async () => {
    const thread = await startSession('U7', 'C7');
    const long = clip({ duration_ms: 301_000 });
    await h.requests.fileShare({ user: 'U7', channel: 'C7', thread, files: [long] });
    expect(downloadsOf(long.id)).toEqual([]);
    expect(textOf(ephemeralsTo('U7').at(-1)!)).toContain(voiceMessages.audioTooLong(301, 300));
    expect(await answered('U7')).toBe(0);
  });

  it('says it could not transcribe when the speech server fails, stores nothing, and takes the next try', async () => {
    const thread = await startSession('U8', 'C8');
    speech.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    await h.requests.fileShare({ user: 'U8', channel: 'C8', thread, files: [clip()] });
    const transcript = postsIn(thread).at(-1)!;
    expect(textOf(finalOf(transcript)!)).toBe(`:warning: ${voiceMessages.transcribeFailed()}`);
    expect(await answered('U8')).toBe(0);

    await h.requests.fileShare({ user: 'U8', channel: 'C8', thread, files: [clip()] });
    const [again, placeholder] = postsIn(thread).slice(-3);
    expect(textOf(finalOf(again!)!)).toContain('> I checked the chart');
    expect(textOf(finalOf(placeholder!)!)).toMatch(/^Score 4\/5/);
    expect(await answered('U8')).toBe(1);
  });

  it('grades the text of a message with an image, and never downloads the image', async () => {
    const thread = await startSession('U9', 'C9');
    const image = h.fake.hostFile({
      bytes: new Uint8Array(64),
      name: 'screenshot.png',
      mimetype: 'image/png',
    });
    const heardBefore = speech.requests.length;
    await h.requests.fileShare({
      user: 'U9',
      channel: 'C9',
      thread,
      text: 'I query the physician before coding.',
      files: [image],
    });
    expect(downloadsOf(image.id)).toEqual([]);
    expect(speech.requests).toHaveLength(heardBefore);
    expect(model.requests.at(-1)!.answer).toBe('I query the physician before coding.');
    expect(postsIn(thread).some((call) => textOf(call).includes(':studio_microphone:'))).toBe(false);
  });

  it('does not take a recording someone else posts in the member’s thread', async () => {
    const thread = await startSession('U10', 'C10');
    const file = clip();
    await h.requests.fileShare({ user: 'U11', channel: 'C10', thread, files: [file] });
    expect(downloadsOf(file.id)).toEqual([]);
    expect(await answered('U10')).toBe(0);
    expect(await answered('U11')).toBe(0);
  });

  it('shows how the member’s voice answers go in /coach progress', async () => {
    const report = await h.coach.progress(actor('U1'));
    expect(report.voice).not.toBeNull();
    const id = 'voice-progress';
    await h.requests.command('/coach', 'progress', {
      user: 'U1',
      channel: 'C1',
      responseUrl: h.fake.responseUrl(id),
    });
    const response = h.fake.responses.filter((call) => call.id === id).at(-1)!;
    expect(textOf(response)).toContain(`:studio_microphone: ${report.voice!.text}`);
  });
});

describe('a voice answer under the posted drill', () => {
  it('is transcribed and graded in the drill thread, opening the member’s drill session', async () => {
    const drillChannel = 'CDRILL';
    const scheduler = createDrillScheduler({
      store: h.store,
      packs: h.coach.packs,
      defaultPackId: 'medical-coding',
      clock,
      logger: h.logger,
      posters: [h.adapter.drillPoster],
    });
    await h.requests.command(
      '/coach',
      'config channel <#CDRILL|drills> time 09:00 timezone UTC days weekdays pack medical-coding',
      { user: 'UADMIN', channel: 'C50', responseUrl: h.fake.responseUrl() },
    );
    expect(await scheduler.runDue()).toEqual(['slack:T1']);
    const thread = String(posts().at(-1)!.result.ts);
    const file = clip();
    await h.requests.fileShare({ user: 'U60', channel: drillChannel, thread, files: [file] });
    expect(downloadsOf(file.id)).toHaveLength(1);
    const [transcript, placeholder] = postsIn(thread);
    expect(textOf(finalOf(transcript!)!)).toContain('> I checked the chart');
    expect(textOf(finalOf(placeholder!)!)).toMatch(/^Score 4\/5/);
    expect(await answered('U60')).toBe(1);
  });
});

describe('downloading a clip', () => {
  it('sends the bot token to Slack’s hosts only, and stops reading past the limit', async () => {
    const elsewhere = await FakeSlackServer.start();
    try {
      const logs: unknown[] = [];
      const logger = { warn: (...entry: unknown[]) => logs.push(entry), error: () => {} };
      const access = { botToken: 'xoxb-test', apiUrl: h.fake.apiUrl, logger };
      const signal = new AbortController().signal;
      const foreign = elsewhere.hostFile({ bytes: speechOgg, name: 'voice.ogg', mimetype: 'audio/ogg' });
      await expect(slackAudioClip(foreign, access).load({ maxBytes: 1e6, signal })).rejects.toThrow(
        /Slack host/,
      );
      expect(elsewhere.fileDownloads).toEqual([]);

      const own = clip();
      const bytes = await slackAudioClip(own, access).load({ maxBytes: 1e6, signal });
      expect(bytes).toEqual(speechOgg);
      await expect(slackAudioClip(own, access).load({ maxBytes: 1000, signal })).rejects.toMatchObject({
        code: 'AUDIO_TOO_LARGE',
      });
    } finally {
      await elsewhere.close();
    }
  });
});

describe('voice answers turned off', () => {
  let off: SlackHarness;

  beforeAll(async () => {
    off = await openSlackHarness({ feedback: model, clock });
  });
  afterAll(async () => {
    await off?.close();
  });

  it('tells the member how to turn them on, without downloading anything', async () => {
    await off.requests.command('/coach', 'start medical-coding technical junior 2', {
      user: 'U70',
      channel: 'C70',
      responseUrl: off.fake.responseUrl(),
    });
    const thread = String(off.fake.callsTo('chat.postMessage').at(-1)!.result.ts);
    const file = off.fake.hostFile({ bytes: speechOgg, name: 'voice.ogg', mimetype: 'audio/ogg' });
    await off.requests.fileShare({ user: 'U70', channel: 'C70', thread, files: [file] });
    expect(off.fake.fileDownloads).toEqual([]);
    const told = off.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(told.body.user).toBe('U70');
    expect(textOf(told)).toContain(voiceMessages.voiceOff());
    expect((await off.coach.progress(actor('U70'))).answered).toBe(0);
  });
});
