import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import { loadPacks } from '../../src/content/load-pack.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createCoach } from '../../src/core/coach.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { FakeSlackServer } from '../fakes/slack-server.ts';
import { textOf } from './harness.ts';

let fake: FakeSlackServer;
let store: CoachStore;
let adapter: SlackAdapter;

beforeAll(async () => {
  fake = await FakeSlackServer.start();
  store = await CoachStore.open({
    url: 'memory://',
    cwd: process.cwd(),
    clock: systemClock,
    prefix: 'slack-socket',
  });
  const coach = createCoach({
    store,
    packs: loadPacks(),
    feedback: createOfflineFeedbackModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  adapter = createSlackAdapter({
    coach,
    logger: silentLogger,
    botToken: 'xoxb-test',
    appToken: 'xapp-test',
    apiUrl: fake.apiUrl,
    port: 0,
    instructors: [],
    clientRetries: 0,
  });
});

afterAll(async () => {
  await adapter.stop();
  await fake.close();
  await store.close();
});

it('connects over Socket Mode, acks a slash command envelope and posts the question', async () => {
  expect(await adapter.start()).toEqual({ port: null });
  const open = fake.callsTo('apps.connections.open')[0];
  expect(open?.token).toBe('xapp-test');

  fake.sendEnvelope({
    envelope_id: 'env-1',
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: {
      command: '/coach',
      text: 'start medical-coding',
      channel_id: 'C40',
      user_id: 'U40',
      team_id: 'T1',
      response_url: fake.responseUrl(),
      trigger_id: 'trigger-socket-1',
    },
  });
  const ack = await fake.waitForSocketAck('env-1');
  expect(ack.envelope_id).toBe('env-1');
  const question = await fake.waitFor(
    (call) => call.method === 'chat.postMessage' && call.body.channel === 'C40',
  );
  expect(question.token).toBe('xoxb-test');
  expect(textOf(question)).toMatch(/^Q1\/5 · Medical Coding Specialist/);
  // The ack went back before the question was posted: Slack's 3 seconds are never spent on the core.
  expect(fake.timeline.indexOf('ack:env-1')).toBeLessThan(fake.timeline.indexOf('chat.postMessage'));
});

it('reports the Socket Mode connection: down while Slack is unreachable, up again after the reconnect', async () => {
  expect(adapter.connected()).toBe(true);
  fake.holdSocketHellos();
  fake.dropSockets();
  await vi.waitFor(() => expect(adapter.connected()).toBe(false), { timeout: 5000 });
  fake.releaseSocketHellos();
  await vi.waitFor(() => expect(adapter.connected()).toBe(true), { timeout: 15_000 });
});
