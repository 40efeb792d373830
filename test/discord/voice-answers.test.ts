import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrillScheduler } from '../../src/core/drill-scheduler.ts';
import { createOpenAITranscriber } from '../../src/transcription/openai-transcriber.ts';
import { type FakeDiscord, manageGuild } from '../fakes/discord-server.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { FakeSpeechServer } from '../fakes/speech-server.ts';
import { miniPack } from '../support/core-harness.ts';
import {
  callbacksOf,
  type DiscordHarness,
  embedTitle,
  hasButton,
  openDiscordHarness,
  StreamingModel,
  waitForMessage,
} from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

const audio = (name: string) => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url));
const ogg = audio('speech.ogg');
const mp3 = audio('speech.mp3');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const heardTitle = '🎙️ What I heard';
const isTranscript = (m: Json) => embedTitle(m) === heardTitle;
const isFeedback = (m: Json) => /^Score \d\/5$/.test(embedTitle(m));

function transcriberFor(speech: FakeSpeechServer) {
  // One attempt: a scripted fault is the outcome, not something a retry hides.
  return createOpenAITranscriber({
    apiKey: 'test',
    baseURL: speech.baseURL,
    model: 'whisper-1',
    timeoutMs: 2000,
    maxAttempts: 1,
  });
}

async function startSession(h: DiscordHarness, count = 5): Promise<Json> {
  const { fake } = h;
  const before = new Set(fake.channels.keys());
  fake.command('practice', { pack: 'mini', count });
  const thread = await fake.waitFor(
    () => [...fake.channels.values()].find((channel) => channel.type === 12 && !before.has(channel.id)),
    'a new thread',
  );
  await waitForMessage(fake, thread.id, hasButton('starcoach:answer'), 'the first question');
  await fake.quiet(150);
  return thread;
}

/** The interaction's own replies (its original response and follow-ups) once one has content. */
function privateReply(fake: FakeDiscord, interactionId: string): Promise<Json> {
  return fake.waitFor(
    () =>
      [...fake.messages.values()].find(
        (m) => m.interaction_token === `token-${interactionId}` && (m.content || m.embeds.length),
      ),
    `a reply to ${interactionId}`,
  );
}

function answerCommand(fake: FakeDiscord, channelId: string, attachmentId: string, id?: string) {
  return fake.command(
    'answer',
    { recording: { type: 11, value: attachmentId } },
    { channelId, ...(id ? { id } : {}) },
  );
}

const count = (fake: FakeDiscord, threadId: string, match: (m: Json) => boolean) =>
  fake.messagesIn(threadId).filter(match).length;

describe('Discord /answer with a recording (no Message Content intent)', () => {
  let h: DiscordHarness;
  let speech: FakeSpeechServer;
  let thread: Json;
  let firstAnswer: { id: string };
  const model = new StreamingModel(() => gradeOf(4, null, { feedback: 'Clear and specific.' }));

  beforeAll(async () => {
    speech = await FakeSpeechServer.start();
    h = await openDiscordHarness({ feedback: model, transcriber: transcriberFor(speech) });
    thread = await startSession(h);
  });
  afterAll(async () => {
    await h.close();
    await speech.close();
  });

  it('transcribes an ogg attachment in the session thread: the transcript (escaped), then feedback', async () => {
    const { fake } = h;
    speech.transcript = 'I coded *R07.9* for chest_pain and queried the physician @everyone.';
    const file = fake.attachment('answer.ogg', ogg, { contentType: 'audio/ogg' });
    firstAnswer = answerCommand(fake, thread.id, file.id);
    const feedback = await waitForMessage(fake, thread.id, isFeedback, 'the feedback');
    // Acked privately at once; the "thinking…" nobody filled is deleted.
    expect(callbacksOf(fake, firstAnswer.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
    await fake.waitFor(
      () => fake.callsTo('DELETE', new RegExp(`/token-${firstAnswer.id}/messages/%40original$`))[0],
      'the deferral deleted',
    );
    const transcript = fake.messagesIn(thread.id).find(isTranscript);
    expect(BigInt(transcript.id) < BigInt(feedback.id)).toBe(true);
    expect(transcript.content).toBe(`**Your answer** · <@${fake.owner.id}>`);
    const description: string = transcript.embeds[0].description;
    expect(description).toMatch(/^Heard 0:\d\d of speech\. Delivery: \d+ words a minute/);
    expect(description).toContain('>>> I coded \\*R07.9\\* for chest\\_pain and queried the physician');
    expect(transcript.allowed_mentions).toEqual({ parse: [] });
    // The pending line was the same message, edited.
    expect(transcript.edits).toBeGreaterThanOrEqual(1);
    expect(fake.downloads()).toHaveLength(1);
    expect(speech.requests).toHaveLength(1);
    expect(Buffer.from(speech.requests[0]!.file.bytes).equals(ogg)).toBe(true);
    expect(model.answers).toHaveLength(1);
    expect(model.answers[0]).toContain('R07.9');
    expect(h.logger.errors).toEqual([]);
  });

  it('does not count a re-delivered /answer twice', async () => {
    const { fake } = h;
    await fake.quiet(200);
    const file = fake.attachment('answer.ogg', ogg, { contentType: 'audio/ogg' });
    answerCommand(fake, thread.id, file.id, firstAnswer.id);
    await fake.quiet(300);
    expect(speech.requests).toHaveLength(1);
    expect(model.answers).toHaveLength(1);
    expect(count(fake, thread.id, isTranscript)).toBe(1);
    expect(count(fake, thread.id, isFeedback)).toBe(1);
  });

  it('refuses a file announced over 25 MB without downloading it', async () => {
    const { fake } = h;
    const downloads = fake.downloads().length;
    const file = fake.attachment('long.ogg', ogg, { contentType: 'audio/ogg', size: 30 * 1024 * 1024 });
    const command = answerCommand(fake, thread.id, file.id);
    const reply = await privateReply(fake, command.id);
    expect(reply.content).toContain('30.0 MB; the limit is 25 MB');
    expect(reply.flags & 64).toBe(64);
    await fake.quiet(200);
    expect(fake.downloads()).toHaveLength(downloads);
    expect(speech.requests).toHaveLength(1);
    expect(count(fake, thread.id, isTranscript)).toBe(1);
  });

  it('refuses a recording announced longer than the limit without downloading it', async () => {
    const { fake } = h;
    const downloads = fake.downloads().length;
    const file = fake.attachment('long.ogg', ogg, { contentType: 'audio/ogg', durationSecs: 420 });
    const command = answerCommand(fake, thread.id, file.id);
    const reply = await privateReply(fake, command.id);
    expect(reply.content).toContain('7:00 long; the limit is 5:00');
    await fake.quiet(200);
    expect(fake.downloads()).toHaveLength(downloads);
    expect(speech.requests).toHaveLength(1);
  });

  it('says it could not transcribe when the speech server fails, stores nothing, and a resend works', async () => {
    const { fake } = h;
    speech.enqueue({ status: 500, body: { error: { message: 'boom', type: 'server_error' } } });
    const file = fake.attachment('answer.ogg', ogg, { contentType: 'audio/ogg' });
    answerCommand(fake, thread.id, file.id);
    const failed = await waitForMessage(
      fake,
      thread.id,
      (m) => m.content.includes('Could not transcribe'),
      'the failure',
    );
    expect(failed.content).toMatch(/^\*\*Your answer\*\* · <@\d+>\n⚠️ Could not transcribe/);
    expect(failed.embeds).toEqual([]);
    await fake.quiet(200);
    expect(model.answers).toHaveLength(1);
    expect(count(fake, thread.id, isFeedback)).toBe(1);

    answerCommand(fake, thread.id, fake.attachment('again.ogg', ogg, { contentType: 'audio/ogg' }).id);
    await fake.waitFor(() => count(fake, thread.id, isFeedback) === 2, 'the second feedback');
    expect(model.answers).toHaveLength(2);
    expect(speech.requests).toHaveLength(3);
  });

  it('tells the member a screenshot is not a recording, and downloads nothing', async () => {
    const { fake } = h;
    await fake.quiet(200);
    const downloads = fake.downloads().length;
    const file = fake.attachment('screenshot.png', png, { contentType: 'image/png' });
    const command = answerCommand(fake, thread.id, file.id);
    const reply = await privateReply(fake, command.id);
    expect(reply.content).toMatch(/^That file is not a recording/);
    await fake.quiet(200);
    expect(fake.downloads()).toHaveLength(downloads);
    expect(speech.requests).toHaveLength(3);
    expect(model.answers).toHaveLength(2);
  });

  it('says it could not download a recording Discord’s CDN refuses, and stores nothing', async () => {
    const { fake } = h;
    fake.failWith('GET', /^\/attachments\//, { status: 403, code: 0 }, 1);
    const file = fake.attachment('answer.ogg', ogg, { contentType: 'audio/ogg' });
    answerCommand(fake, thread.id, file.id);
    await waitForMessage(
      fake,
      thread.id,
      (m) => m.content.includes('Could not download that recording'),
      'the download failure',
    );
    await fake.quiet(200);
    expect(speech.requests).toHaveLength(3);
    expect(model.answers).toHaveLength(2);
  });

  it('does not see voice messages in the thread without the intent, and so says nothing', async () => {
    const { fake } = h;
    const before = fake.calls.length;
    fake.voiceMessage(thread.id, ogg);
    await fake.quiet(300);
    expect(fake.calls.slice(before)).toEqual([]);
    expect(speech.requests).toHaveLength(3);
  });

  it('shows the speaking trend in /progress', async () => {
    const { fake } = h;
    const command = fake.command('progress');
    const reply = await privateReply(fake, command.id);
    const field = reply.embeds[0].fields.find((f: Json) => f.name === 'Speaking');
    expect(field.value).toMatch(/^Voice answers: 2 · pace \d+ → \d+ words a minute/);
  });
});

describe('Discord voice messages with DISCORD_MESSAGE_CONTENT=1', () => {
  let h: DiscordHarness;
  let speech: FakeSpeechServer;
  let thread: Json;
  const model = new StreamingModel(() => gradeOf(3, null, { feedback: 'Say the result.' }));

  beforeAll(async () => {
    speech = await FakeSpeechServer.start();
    h = await openDiscordHarness({
      feedback: model,
      messageContent: true,
      transcriber: transcriberFor(speech),
    });
    thread = await startSession(h);
  });
  afterAll(async () => {
    await h.close();
    await speech.close();
  });

  it('transcribes a voice message in the thread, then grades it', async () => {
    const { fake } = h;
    const voice = fake.voiceMessage(thread.id, ogg, { durationSecs: 7.5 });
    const feedback = await waitForMessage(fake, thread.id, isFeedback, 'the feedback');
    const transcript = fake.messagesIn(thread.id).find(isTranscript);
    expect(BigInt(transcript.id) < BigInt(feedback.id)).toBe(true);
    // The voice message is there for all to see: no name above the transcript.
    expect(transcript.content).toBe('');
    expect(transcript.embeds[0].description).toContain(`>>> ${speech.transcript}`);
    expect(fake.downloads().map((call) => call.path)).toEqual([new URL(voice.attachment.url).pathname]);
    expect(speech.requests).toHaveLength(1);
    expect(model.answers).toEqual([speech.transcript]);

    // The same message delivered again is not answered twice.
    fake.voiceMessage(thread.id, ogg, { id: voice.id });
    await fake.quiet(300);
    expect(speech.requests).toHaveLength(1);
    expect(model.answers).toHaveLength(1);
  });

  it('takes an audio file posted in the thread as a spoken answer', async () => {
    const { fake } = h;
    const file = fake.attachment('my-answer.mp3', mp3, { contentType: 'audio/mpeg' });
    fake.postAs(thread.id, { content: 'here is my answer', attachments: [file] });
    await fake.waitFor(() => count(fake, thread.id, isFeedback) === 2, 'the second feedback');
    expect(speech.requests).toHaveLength(2);
    expect(model.answers).toHaveLength(2);
    expect(model.answers[1]).toBe(speech.transcript);
  });

  it('treats a message with a screenshot as the text it carries, not as audio', async () => {
    const { fake } = h;
    await fake.quiet(200);
    const file = fake.attachment('screen.png', png, { contentType: 'image/png' });
    fake.postAs(thread.id, { content: 'I would query the physician first.', attachments: [file] });
    await fake.waitFor(() => count(fake, thread.id, isFeedback) === 3, 'the third feedback');
    expect(model.answers[2]).toBe('I would query the physician first.');
    expect(speech.requests).toHaveLength(2);
    expect(fake.downloads()).toHaveLength(2);
    expect(count(fake, thread.id, isTranscript)).toBe(2);
  });

  it('says nothing about a voice message from someone else in the thread', async () => {
    const { fake } = h;
    await fake.quiet(200);
    const before = fake.calls.length;
    fake.voiceMessage(thread.id, ogg, { user: fake.other });
    await fake.quiet(300);
    expect(fake.calls.slice(before)).toEqual([]);
    expect(speech.requests).toHaveLength(2);
    expect(h.logger.errors).toEqual([]);
  });
});

describe('Discord voice answers in a posted drill’s thread', () => {
  let h: DiscordHarness;
  let speech: FakeSpeechServer;
  const model = new StreamingModel(() => gradeOf(4, null, { feedback: 'Good drill answer.' }));

  beforeAll(async () => {
    speech = await FakeSpeechServer.start();
    h = await openDiscordHarness({
      feedback: model,
      messageContent: true,
      transcriber: transcriberFor(speech),
    });
  });
  afterAll(async () => {
    await h.close();
    await speech.close();
  });

  it('takes a voice message and an /answer in the shared thread, each member graded on their own', async () => {
    const { fake } = h;
    const options = {
      'drill-channel': { type: 7, value: fake.channelId },
      'drill-time': '09:00',
      timezone: 'UTC',
    };
    const config = fake.command('coach-config', options, { memberPermissions: manageGuild });
    await privateReply(fake, config.id);
    const scheduler = createDrillScheduler({
      store: h.store,
      packs: new Map([[miniPack.id, miniPack]]),
      defaultPackId: miniPack.id,
      clock: h.clock,
      logger: h.logger,
      posters: [h.adapter.drillPoster],
    });
    await scheduler.runDue();
    const post = fake.messagesIn(fake.channelId).find((m) => embedTitle(m).startsWith('Question of the day'));
    expect(fake.channels.get(post.id)).toBeDefined();

    fake.voiceMessage(post.id, ogg, { user: fake.other });
    await fake.waitFor(() => count(fake, post.id, isFeedback) === 1, 'Grace’s feedback');
    const file = fake.attachment('answer.ogg', ogg, { contentType: 'audio/ogg' });
    answerCommand(fake, post.id, file.id);
    await fake.waitFor(() => count(fake, post.id, isFeedback) === 2, 'Ada’s feedback');
    const transcripts = fake.messagesIn(post.id).filter(isTranscript);
    expect(transcripts.map((m: Json) => m.content)).toEqual(['', `**Your answer** · <@${fake.owner.id}>`]);
    expect(speech.requests).toHaveLength(2);
    expect(model.answers).toEqual([speech.transcript, speech.transcript]);
    expect(h.logger.errors).toEqual([]);
  });
});

describe('Discord voice answers turned off (no speech server configured)', () => {
  let h: DiscordHarness;
  const model = new StreamingModel(() => gradeOf(4));

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: model, messageContent: true });
  });
  afterAll(async () => h.close());

  it('tells the member how voice answers are turned on, and downloads nothing', async () => {
    const { fake } = h;
    const thread = await startSession(h, 2);
    const file = fake.attachment('answer.ogg', ogg, { contentType: 'audio/ogg' });
    const command = answerCommand(fake, thread.id, file.id);
    const reply = await privateReply(fake, command.id);
    expect(reply.content).toMatch(/^Voice answers are not turned on here/);
    expect(reply.content).toContain('OPENAI_API_KEY');
    expect(reply.flags & 64).toBe(64);

    // A voice message in the thread hears the same, in the thread (there is no private way to say it).
    fake.voiceMessage(thread.id, ogg);
    const said = await waitForMessage(
      fake,
      thread.id,
      (m) => m.content.startsWith('Voice answers are not turned on'),
      'the voice-off note',
    );
    expect(said).toBeDefined();
    await fake.quiet(200);
    expect(fake.downloads()).toEqual([]);
    expect(model.answers).toEqual([]);
  });
});
