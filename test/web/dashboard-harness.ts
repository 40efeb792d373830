import type { RequestListener } from 'node:http';
import { createDashboardApp, createLinkSigner, startHttpServer } from '../../adapters/web/index.ts';
import { type Coach, createCoach } from '../../src/core/coach.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { Actor } from '../../src/core/ports.ts';
import { type AttemptRecord, emptyHistory } from '../../src/core/records.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';

/**
 * A real coach over a memory store, with the real link signer, serving the real dashboard app on
 * 127.0.0.1 through startHttpServer. T1: C1 taught by UT (ann, ben), C2 taught by UO (eve); T2 has its
 * own C1 (zed). Nothing here stands in for our own modules.
 */
export const now = Date.parse('2026-11-23T12:00:00Z');
export const dayMs = 86_400_000;
export const secret = 'test-secret-of-a-decent-length-0123456789';

export const actor = (tenant: string, user: string, roles: Actor['roles'] = []): Actor => ({
  platform: 'slack',
  tenant,
  user,
  roles,
});
export const admin = actor('T1', 'UA', ['admin']);
export const teacher = actor('T1', 'UT', ['instructor']);
export const other = actor('T1', 'UO', ['instructor']);
export const teacher2 = actor('T2', 'UT2', ['instructor']);
export const ann = actor('T1', 'ann');

/** What the logger was told, to check no token or answer text ends up there. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  warn(event: string, fields?: Record<string, unknown>) {
    this.lines.push(JSON.stringify({ event, ...fields, error: String(fields?.error ?? '') }));
  }
  error(event: string, fields?: Record<string, unknown>) {
    this.warn(event, fields);
  }
}

function attempt(daysAgo: number, questionId: string, score: number): AttemptRecord {
  const question = miniPack.questions.find((q) => q.id === questionId)!;
  return {
    at: now - daysAgo * dayMs,
    packId: 'mini',
    questionId,
    kind: question.kind,
    competencies: question.competencies,
    score,
  };
}

export interface DashboardHarness {
  coach: Coach;
  clock: ManualClock;
  logger: RecordingLogger;
  base: string;
  /** A link for `who` from the coach, as the chat command hands it out, pointed at this server. */
  linkFor(who: Actor): Promise<string>;
  /** Opens `who`'s link and returns the Cookie header the browser would send from then on. */
  signIn(who: Actor): Promise<string>;
  get(path: string, cookie?: string, headers?: Record<string, string>): Promise<Response>;
  /** Closes the store under the running server: a real fault for the error path. */
  closeStore(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  publicUrl?: string;
  trustProxy?: boolean;
  rateLimit?: { limit: number; windowMs: number };
  slack?: RequestListener;
  /** memory:// unless given (a sqlite:// file for a store that can really fail once closed). */
  storeUrl?: string;
}

export async function openDashboardHarness(options: HarnessOptions = {}): Promise<DashboardHarness> {
  const clock = new ManualClock(now);
  const logger = new RecordingLogger();
  const publicUrl = options.publicUrl ?? 'http://dash.test';
  const store = await CoachStore.open({
    url: options.storeUrl ?? 'memory://',
    cwd: process.cwd(),
    clock,
    prefix: 'web',
  });
  const coach = createCoach({
    store,
    packs: new Map([[miniPack.id, miniPack]]),
    feedback: new ScriptedFeedbackModel(() => gradeOf(3)),
    clock,
    logger,
    dashboardLinks: createLinkSigner({ secret, publicUrl }),
  });
  await seed(coach, store);
  const app = createDashboardApp({
    reads: coach.dashboard,
    secret,
    publicUrl,
    clock,
    logger,
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    dashboard: app,
    ...(options.slack ? { slack: options.slack } : {}),
  });
  const base = `http://127.0.0.1:${server.port}`;
  const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { redirect: 'manual', headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const linkFor = async (who: Actor) => {
    const link = await coach.dashboardLink(who);
    return link.url.replace(publicUrl, '');
  };
  return {
    coach,
    clock,
    logger,
    base,
    linkFor,
    get,
    async signIn(who) {
      const response = await get(await linkFor(who));
      if (response.status !== 200) throw new Error(`opening the link gave ${response.status}`);
      return response.headers.get('set-cookie')!.split(';')[0]!;
    },
    closeStore: () => store.close(),
    async close() {
      await server.close();
      await store.close();
    },
  };
}

async function seed(coach: Coach, store: CoachStore) {
  await coach.configureCohort(teacher, 'C1', { timezone: 'America/Los_Angeles', packId: 'mini' });
  await coach.configureCohort(other, 'C2', { timezone: 'UTC' });
  await coach.configureCohort(teacher2, 'C1', { timezone: 'UTC' });
  await coach.addCohortMembers(teacher, 'C1', ['ann', 'ben'], 'member');
  await coach.addCohortMembers(other, 'C2', ['eve'], 'member');
  await coach.addCohortMembers(teacher2, 'C1', ['zed'], 'member');
  const histories: [Actor, AttemptRecord[]][] = [
    [ann, [attempt(3, 'upcoding', 1), attempt(2, 'upcoding', 2), attempt(1, 'chest-pain', 4)]],
    [actor('T1', 'ben'), [attempt(2, 'upcoding', 3)]],
    [actor('T1', 'eve'), [attempt(1, 'upcoding', 5), attempt(1, 'error-caught', 5)]],
    [actor('T2', 'zed'), [attempt(1, 'error-caught', 2), attempt(1, 'error-caught', 2)]],
  ];
  for (const [member, attempts] of histories) {
    await store.putHistory(member, { ...emptyHistory(), attempts });
  }
  await store.logAnswers(ann, [
    {
      at: now - dayMs,
      packId: 'mini',
      questionId: 'chest-pain',
      score: 4,
      source: 'llm',
      answers: ['I code R07.9 and <b>query</b> the physician.'],
      feedback: 'Good query & clear <reasoning>.',
    },
  ]);
}

/** A plain node:http listener standing in for Slack's receiver: it answers with what it was asked. */
export const slackStandIn: RequestListener = (request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' }).end(`slack saw ${request.method} ${request.url}`);
};
