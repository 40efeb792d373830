import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/content/load-pack.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createCoach } from '../../src/core/coach.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor } from '../../src/core/ports.ts';
import { type AttemptRecord, emptyHistory } from '../../src/core/records.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { FakeSlackServer, signatureHeaders } from '../fakes/slack-server.ts';
import { logLines } from '../support/spawn-server.ts';

/**
 * The dashboard end to end, as an instructor meets it: `starcoach slack` (HTTP mode, dashboard on)
 * answers `/coach dashboard` through a fake Slack, the link is clicked from a page on another site in
 * Debian's Chromium, and the instructor looks at the charts, sorts the roster, downloads the CSV and
 * opens a member's page; every page is checked with axe-core and at 360 px wide.
 * UPDATE_SCREENSHOTS=1 writes the README's screenshots into docs/.
 */

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const bin = new URL('../../bin/starcoach', import.meta.url).pathname;
const docs = new URL('../../docs/', import.meta.url).pathname;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const signingSecret = 'browser-test-signing-secret';
const teacher = 'UTEACH';
const members = ['U01ANN', 'U02BEN', 'U03CARA', 'U04DEV', 'U05EMMA', 'U06FINN'];
const dayMs = 86_400_000;

let fake: FakeSlackServer;
let bot: ChildProcess;
let chat: Server;
let browser: Browser;
let port: number;
let stderr = '';

/** Six members with about a month of practice, one of them idle, and their logged answers. */
async function seed(storeUrl: string, dir: string) {
  const store = await CoachStore.open({ url: storeUrl, cwd: dir, clock: systemClock });
  const packs = loadPacks();
  const pack = packs.get('medical-coding')!;
  const coach = createCoach({
    store,
    packs,
    feedback: createOfflineFeedbackModel(),
    clock: systemClock,
    logger: silentLogger,
  });
  const instructor: Actor = { platform: 'slack', tenant: 'T1', user: teacher, roles: ['instructor'] };
  await coach.configureCohort(instructor, 'C1COHORT', { timezone: 'UTC' });
  await coach.addCohortMembers(instructor, 'C1COHORT', members, 'member');
  await coach.assign(instructor, 'C1COHORT', { packId: pack.id, what: { count: 3 }, due: '7d' });
  const now = Date.now();
  for (const [index, user] of members.entries()) {
    const actor: Actor = { platform: 'slack', tenant: 'T1', user };
    if (index === members.length - 1) continue;
    const attempts: AttemptRecord[] = [];
    const activeDays: string[] = [];
    for (let day = 28; day >= 0; day -= 1) {
      if ((day + index) % (index + 2) !== 0) continue;
      const question = pack.questions[(day + index * 3) % pack.questions.length]!;
      const at = now - day * dayMs - 3_600_000;
      attempts.push({
        at,
        packId: pack.id,
        questionId: question.id,
        kind: question.kind,
        competencies: question.competencies,
        score: 1 + ((day * 7 + index * 3) % 5),
      });
      activeDays.push(new Date(at).toISOString().slice(0, 10));
    }
    await store.putHistory(actor, { ...emptyHistory(), attempts, activeDays });
    const last = attempts.at(-1)!;
    await store.logAnswers(actor, [
      {
        at: last.at,
        packId: pack.id,
        questionId: last.questionId,
        score: last.score,
        source: 'offline',
        answers: ['I would query the physician before assigning a code, then code only what is documented.'],
        feedback: 'Clear query step. Missing: the specific documentation you would ask for.',
      },
    ]);
  }
  await store.close();
}

function startBot(storeUrl: string): Promise<number> {
  bot = spawn(process.execPath, [bin, 'slack'], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: fake.apiUrl,
      SLACK_APP_TOKEN: '',
      DISCORD_TOKEN: '',
      PORT: '',
      STARCOACH_HTTP_PORT: '0',
      STARCOACH_PUBLIC_URL: '',
      STARCOACH_WEB_SECRET: 'browser-test-web-secret-0123456789abcdef',
      STARCOACH_SLACK_INSTRUCTORS: teacher,
      STARCOACH_STORE_URL: storeUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<number>((resolve, reject) => {
    bot.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const listening = logLines(stderr).find((line) => line.event === 'http-listening' && line.dashboard);
      if (listening) resolve(Number(listening.port));
    });
    bot.on('exit', (code) => reject(new Error(`the bot exited ${code} before listening: ${stderr}`)));
  });
}

/** What Slack does with `/coach dashboard`: a signed request; the link comes back on the response URL. */
async function dashboardLinkFromSlack(): Promise<string> {
  const body = new URLSearchParams({
    command: '/coach',
    text: 'dashboard',
    user_id: teacher,
    channel_id: 'C1COHORT',
    team_id: 'T1',
    trigger_id: 'trig-dash',
    response_url: fake.responseUrl('dash'),
  }).toString();
  const sent = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signatureHeaders(signingSecret, body),
    },
    body,
  });
  expect(sent.status).toBe(200);
  const said = await fake.waitForResponse((call) => call.id === 'dash', 10_000);
  expect(said.body.response_type).toBe('ephemeral');
  const text = JSON.stringify(said.body.blocks);
  const link = /<(http:\/\/localhost:\d+\/d\/[^|>]+)\|Open the dashboard>/.exec(text)?.[1];
  expect(link, text).toBeDefined();
  return link!;
}

/** A page on another site holding the link, as a chat client would: clicking it is a cross-site navigation. */
function startChatPage(link: string): Promise<number> {
  chat = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>chat</title><a id="open" href="${link}">Open the dashboard</a>`);
  });
  return new Promise((resolve) =>
    chat.listen(0, '127.0.0.1', () => resolve((chat.address() as AddressInfo).port)),
  );
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's script-src 'self' does not govern.
  const results = (await page.evaluate(`${axeSource};
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`)) as {
    id: string;
    impact: string;
    nodes: number;
  }[];
  return results
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes} nodes)`);
}

async function fitsNarrowScreen(page: Page): Promise<boolean> {
  await page.setViewportSize({ width: 360, height: 800 });
  const fits = (await page.evaluate('document.documentElement.scrollWidth <= 360')) as boolean;
  await page.setViewportSize({ width: 1200, height: 900 });
  return fits;
}

async function screenshot(page: Page, name: string) {
  const path = process.env.UPDATE_SCREENSHOTS === '1' ? join(docs, name) : join(tmpdir(), name);
  await page.screenshot({ path, fullPage: true });
  expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
}

describe.skipIf(!chromiumPath)('the dashboard in a real browser', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-browser-'));
    const storeUrl = `sqlite://${join(dir, 'bot.sqlite')}`;
    fake = await FakeSlackServer.start();
    await seed(storeUrl, dir);
    port = await startBot(storeUrl);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (bot && bot.exitCode === null) {
      const exited = new Promise((resolve) => bot.once('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
    }
    chat?.close();
    await fake?.close();
  });

  it('opens the link from Slack, shows charts and the roster, sorts it, downloads the CSV, passes axe', async () => {
    const link = await dashboardLinkFromSlack();
    const chatPort = await startChatPage(link);
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1200, height: 900 },
    });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });

    await page.goto(`http://127.0.0.1:${chatPort}/`);
    await page.click('#open');
    await page.waitForURL((url) => !url.pathname.startsWith('/d/'), { timeout: 10_000 });
    // Signed in: the session cookie was sent after a cross-site click, and the token left the address bar.
    expect(await page.locator('h1').textContent()).toBe('Cohorts');
    expect(page.url()).not.toContain('/d/');
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await axeViolations(page)).toEqual([]);

    await page.click('a[href="/c/C1COHORT"]');
    await expect.poll(() => page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    // Every chart has its figures as a table beside it.
    expect(await page.locator('table').count()).toBeGreaterThanOrEqual(2);
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsNarrowScreen(page)).toBe(true);
    await screenshot(page, 'dashboard-overview.png');

    await page.click('text=Roster of this cohort');
    await page.waitForSelector('#roster tbody tr');
    const users = () => page.locator('#roster tbody th[scope="row"]').allTextContents();
    expect((await users()).sort()).toEqual([...members].sort());
    await page.click('#roster thead a[data-sort="user"]');
    await expect.poll(users).toEqual([...members].sort());
    await page.click('#roster thead a[data-sort="user"]');
    await expect.poll(users).toEqual([...members].sort().reverse());
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsNarrowScreen(page)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')]);
    expect(download.suggestedFilename()).toMatch(/^starcoach-C1COHORT-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^platform,workspace,cohort,member,date,/);
    for (const user of members.slice(0, -1)) expect(csv).toContain(user);

    await page.click(`#roster a[href^="/c/C1COHORT/m/${members[0]}"]`);
    await page.waitForSelector('svg[role="img"]');
    expect(await page.content()).toContain('Missing: the specific documentation you would ask for.');
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsNarrowScreen(page)).toBe(true);
    await screenshot(page, 'dashboard-member.png');

    expect(cspErrors).toEqual([]);
    await context.close();
  }, 90_000);

  it('refuses an altered link without revealing anything', async () => {
    const link = await dashboardLinkFromSlack();
    const altered = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(altered);
    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain('C1COHORT');
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 30_000);
});

if (!chromiumPath) {
  describe('the dashboard in a real browser', () => {
    it.skip('needs Chromium: apt-get install chromium (.ci/run installs it)', () => {});
  });
}
