import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/ports.ts';
import { createOpenAITranscriber } from '../../src/transcription/openai-transcriber.ts';
import type { FakeWorkspace } from '../fakes/slack-oauth.ts';
import { SlackRequests } from '../fakes/slack-server.ts';
import { FakeSpeechServer } from '../fakes/speech-server.ts';
import { openSlackHarness, type SlackHarness, signingSecret } from './harness.ts';

let h: SlackHarness;
let base = '';
const workspaceA: FakeWorkspace = {
  teamId: 'TA',
  teamName: 'Acme <Clinic>',
  botToken: 'xoxb-acme',
  botUserId: 'UBOTA',
  botId: 'BA',
};
const workspaceB: FakeWorkspace = {
  teamId: 'TB',
  teamName: 'Bayside',
  botToken: 'xoxb-bayside',
  botUserId: 'UBOTB',
  botId: 'BB',
};
const farFuture = Date.now() + 10 * 365 * 24 * 60 * 60 * 1000;
let requestsA: SlackRequests;
let requestsB: SlackRequests;
let speech: FakeSpeechServer;

beforeAll(async () => {
  speech = await FakeSpeechServer.start();
  speech.transcript = 'I queried the physician before coding.';
  const transcriber = createOpenAITranscriber({
    apiKey: 'test',
    baseURL: speech.baseURL,
    model: 'whisper-1',
    timeoutMs: 2000,
  });
  h = await openSlackHarness({ oauth: true, transcriber });
  base = `http://127.0.0.1:${h.port}`;
  h.fake.oauth.registeredRedirect = `${base}/slack/oauth_redirect`;
  h.fake.oauth.addWorkspace(workspaceA);
  h.fake.oauth.addWorkspace(workspaceB);
  requestsA = new SlackRequests(h.requests.eventsUrl, signingSecret, 'TA');
  requestsB = new SlackRequests(h.requests.eventsUrl, signingSecret, 'TB');
});
afterAll(async () => {
  requestsA.close();
  requestsB.close();
  await h.close();
  await speech.close();
});

interface Page {
  status: number;
  html: string;
}

/** An admin's browser: the install page, its Add to Slack link, Slack's redirect back with the cookie it got. */
async function install(team: string): Promise<Page> {
  h.fake.oauth.installing = team;
  const landing = await fetch(`${base}/slack/install`);
  const cookie = landing.headers.getSetCookie().map((line) => line.split(';')[0]);
  const link = /href="([^"]+)"/.exec(await landing.text())?.[1]?.replaceAll('&amp;', '&');
  if (!link) throw new Error('the install page has no Add to Slack link');
  const authorize = await fetch(link, { redirect: 'manual' });
  const back = authorize.headers.get('location');
  if (!back) throw new Error(`the authorize page answered ${authorize.status} without a redirect`);
  return visit(back, cookie.join('; '));
}

async function visit(url: string, cookie = ''): Promise<Page> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

/** `/coach start` in a channel of a workspace: the session's first question is posted by that workspace's bot. */
async function startSession(requests: SlackRequests, user: string) {
  const before = h.fake.calls.length;
  const response = await requests.command('/coach', 'start medical-coding technical junior 1', {
    user,
    channel: `C-${requests.team}`,
    responseUrl: h.fake.responseUrl(),
  });
  expect(response.status).toBe(200);
  return h.fake.calls.slice(before);
}

const drillQuestion: Reply = {
  type: 'question',
  private: false,
  actions: [],
  number: 1,
  total: 1,
  packTitle: 'Medical Coding Specialist',
  drillDate: '2026-11-30',
  question: { id: 'q1', text: 'Why query?', kind: 'technical', level: 'junior', competencies: [] },
};

const tokensSince = (seq: number) => h.fake.calls.filter((call) => call.seq > seq).map((call) => call.token);
const lastSeq = () => h.fake.calls.at(-1)?.seq ?? 0;

describe('installing in two workspaces', () => {
  it('asks Slack for the bot scopes the manifest lists', async () => {
    await install('TA');
    const manifest = readFileSync(new URL('../../slack-app-manifest.yml', import.meta.url), 'utf8');
    const botSection = /\n {4}bot:\n((?: {6}.*\n)+)/.exec(manifest)?.[1] ?? '';
    const listed = [...botSection.matchAll(/^ {6}- (\S+)$/gm)].map((match) => match[1]);
    expect(listed.length).toBeGreaterThan(5);
    expect(h.fake.oauth.visits.at(-1)?.scope?.split(',').sort()).toEqual([...listed].sort());
  });

  it('shows a page naming the workspace and what to do next, and stores each workspace’s own token', async () => {
    const page = await install('TB');
    expect(page.status).toBe(200);
    expect(page.html).toContain('starcoach is installed in Bayside');
    expect(page.html).toContain('/invite @starcoach');
    expect(page.html).not.toContain('xoxb-');
    const stored = (await h.store.installations.get('slack', 'TB')) as {
      bot?: { token?: string; userId?: string };
    };
    expect(stored.bot).toMatchObject({ token: 'xoxb-bayside', userId: 'UBOTB' });
    const storedA = (await h.store.installations.get('slack', 'TA')) as { bot?: { token?: string } };
    expect(storedA.bot?.token).toBe('xoxb-acme');
    expect(JSON.stringify(h.logs)).not.toMatch(/xoxb-(acme|bayside)/);
  });

  it('escapes the workspace’s name in the page', async () => {
    const page = await install('TA');
    expect(page.html).toContain('starcoach is installed in Acme &lt;Clinic&gt;');
  });

  it('answers a command from each workspace with that workspace’s token', async () => {
    const fromA = await startSession(requestsA, 'UA1');
    const fromB = await startSession(requestsB, 'UB1');
    const postA = fromA.find((call) => call.method === 'chat.postMessage');
    const postB = fromB.find((call) => call.method === 'chat.postMessage');
    expect(postA).toMatchObject({ token: 'xoxb-acme', body: { channel: 'C-TA' } });
    expect(postB).toMatchObject({ token: 'xoxb-bayside', body: { channel: 'C-TB' } });
    expect(new Set(fromA.map((call) => call.token))).toEqual(new Set(['xoxb-acme']));
  });

  it('downloads a voice answer with the token of the workspace it was posted in', async () => {
    const [question] = (await startSession(requestsB, 'UB-voice')).filter(
      (call) => call.method === 'chat.postMessage',
    );
    h.fake.fileToken = workspaceB.botToken;
    const clip = h.fake.hostFile(
      {
        bytes: new Uint8Array(readFileSync(new URL('../fixtures/audio/speech.ogg', import.meta.url))),
        name: 'voice.ogg',
        mimetype: 'audio/ogg',
        duration_ms: 7500,
      },
      'TB',
    );
    await requestsB.fileShare({
      user: 'UB-voice',
      channel: 'C-TB',
      thread: String(question?.result.ts),
      files: [clip],
    });
    await h.fake.until(() => h.fake.fileDownloads.some((download) => download.fileId === clip.id));
    expect(h.fake.fileDownloads.filter((download) => download.fileId === clip.id)).toEqual([
      expect.objectContaining({ authorization: 'Bearer xoxb-bayside', served: 'file' }),
    ]);
  });

  it('posts drills and sends reminders outside events with the tenant’s own token', async () => {
    await h.adapter.drillPoster.postDrill('TB', 'C-drill', drillQuestion);
    const posted = h.fake.callsTo('chat.postMessage').at(-1);
    expect(posted).toMatchObject({ token: 'xoxb-bayside', body: { channel: 'C-drill' } });
    await h.adapter.directMessenger.sendDirect('TA', 'UA1', { kind: 'daily', text: 'Time to practise' });
    const dm = h.fake.callsTo('chat.postMessage').at(-1);
    expect(dm).toMatchObject({ token: 'xoxb-acme', body: { channel: 'DUA1' } });
  });
});

describe('a workspace that removes the app', () => {
  it('forgets the installation on app_uninstalled and schedules the deletion of its data', async () => {
    const response = await requestsA.appUninstalled();
    expect(response.status).toBe(200);
    expect(await h.store.installations.get('slack', 'TA')).toBeUndefined();
    const due = await h.store.dueTenantDeletions(farFuture);
    expect(due).toContainEqual(
      expect.objectContaining({ platform: 'slack', tenant: 'TA', reason: 'uninstalled' }),
    );
    h.fake.oauth.revoked.add(workspaceA.botToken);
  });

  it('does not answer its later events with the stale token, and says why in the log', async () => {
    const seq = lastSeq();
    const response = await requestsA.command('/coach', 'start medical-coding technical junior 1', {
      user: 'UA1',
      channel: 'C-TA',
      responseUrl: h.fake.responseUrl(),
    });
    expect(response.status).toBe(200);
    await requestsA.homeOpened('UA1');
    expect(tokensSince(seq)).not.toContain('xoxb-acme');
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        event: 'slack-workspace-not-installed',
        fields: expect.objectContaining({ tenant: 'TA' }),
      }),
    );
  });

  it('refuses its drills and reminders with an error that says how to install again', async () => {
    await expect(h.adapter.drillPoster.postDrill('TA', 'C-drill', drillQuestion)).rejects.toMatchObject({
      code: 'SLACK_NOT_INSTALLED',
      message: expect.stringContaining('/slack/install'),
    });
    await expect(
      h.adapter.directMessenger.sendDirect('TA', 'UA1', { kind: 'daily', text: 'Hi' }),
    ).rejects.toMatchObject({
      code: 'SLACK_NOT_INSTALLED',
    });
  });

  it('leaves the other workspace working', async () => {
    const fromB = await startSession(requestsB, 'UB2');
    expect(fromB.find((call) => call.method === 'chat.postMessage')?.token).toBe('xoxb-bayside');
    expect(await h.store.installations.get('slack', 'TB')).toBeDefined();
    const due = await h.store.dueTenantDeletions(farFuture);
    expect(due.map((entry) => entry.tenant)).not.toContain('TB');
  });

  it('calls the deletion off when the workspace installs the app again', async () => {
    h.fake.oauth.revoked.delete(workspaceA.botToken);
    const page = await install('TA');
    expect(page.status).toBe(200);
    const due = await h.store.dueTenantDeletions(farFuture);
    expect(due.map((entry) => entry.tenant)).not.toContain('TA');
    const fromA = await startSession(requestsA, 'UA3');
    expect(fromA.find((call) => call.method === 'chat.postMessage')?.token).toBe('xoxb-acme');
  });

  it('keeps the installation when only people’s tokens are revoked', async () => {
    const response = await requestsB.tokensRevoked({ oauth: ['UB1'] });
    expect(response.status).toBe(200);
    expect(await h.store.installations.get('slack', 'TB')).toBeDefined();
  });

  it('forgets the installation when the bot’s token is revoked, and schedules the deletion', async () => {
    const response = await requestsB.tokensRevoked({ bot: ['UBOTB'] });
    expect(response.status).toBe(200);
    expect(await h.store.installations.get('slack', 'TB')).toBeUndefined();
    const due = await h.store.dueTenantDeletions(farFuture);
    expect(due).toContainEqual(expect.objectContaining({ tenant: 'TB', reason: 'tokens-revoked' }));
    const seq = lastSeq();
    await requestsB.homeOpened('UB1');
    expect(tokensSince(seq)).not.toContain('xoxb-bayside');
  });
});

describe('an install that does not check out', () => {
  it('refuses a redirect whose state this browser was not given, with a page saying to start again', async () => {
    h.fake.oauth.installing = 'TB';
    const landing = await fetch(`${base}/slack/install`);
    const cookie = landing.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const exchanges = h.fake.callsTo('oauth.v2.access').length;
    const forged = await visit(`${base}/slack/oauth_redirect?code=code-TB-999&state=forged`, cookie);
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('starcoach was not installed');
    expect(forged.html).toContain('Start again from the install page');
    expect(forged.html).toContain('href="/slack/install"');
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(exchanges);
    expect(await h.store.installations.get('slack', 'TB')).toBeUndefined();
  });

  it('refuses a redirect with no state', async () => {
    const missing = await visit(`${base}/slack/oauth_redirect?code=code-TB-999`);
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('Start again from the install page');
    expect(await h.store.installations.get('slack', 'TB')).toBeUndefined();
  });

  it('says the install was cancelled when the admin pressed Cancel in Slack', async () => {
    h.fake.oauth.cancelNext = true;
    const page = await install('TB');
    expect(page.status).toBe(400);
    expect(page.html).toContain('The install was cancelled in Slack');
    expect(await h.store.installations.get('slack', 'TB')).toBeUndefined();
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'slack-install-failed' }));
  });
});
