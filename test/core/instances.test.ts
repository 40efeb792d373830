import { afterAll, describe, expect, it } from 'vitest';
import { type Coach, createCoach } from '../../src/core/coach.ts';
import type { FeedbackModel, GradeOutcome, GradeRequest } from '../../src/core/feedback-model.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor } from '../../src/core/ports.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { eventFor, miniPack } from '../support/core-harness.ts';

/**
 * Two bot instances (two Slack replicas, two Discord shards) on one store, receiving events for the
 * same member at once: every answer is graded once and recorded, none is lost.
 */

const place = { channel: 'C1' };
const start = {
  type: 'session-start',
  options: { packId: 'mini', count: 2, followUps: 0, mode: 'new' },
} as const;
const answer = (text: string) => ({ type: 'answer-submit', text }) as const;

/** A model whose grades wait until the test lets them go: the answer stays pending meanwhile. */
class HeldModel implements FeedbackModel {
  readonly requests: GradeRequest[] = [];
  #release!: () => void;
  #released: Promise<void>;
  /** Resolves when a grade has been asked for (the answer is stored and its lease held). */
  started: Promise<void>;
  #started!: () => void;

  constructor(held: boolean) {
    this.#released = held ? new Promise((resolve) => (this.#release = resolve)) : Promise.resolve();
    this.started = new Promise((resolve) => (this.#started = resolve));
  }

  release() {
    this.#release?.();
  }

  async grade(request: GradeRequest): Promise<GradeOutcome> {
    this.requests.push(request);
    this.#started();
    await this.#released;
    return { result: gradeOf(4), source: 'offline', usage: null, fallback: null };
  }
}

interface Instance {
  coach: Coach;
  store: CoachStore;
  model: HeldModel;
}

function coachOn(store: CoachStore, model: HeldModel, clock: ManualClock): Instance {
  let id = 0;
  const coach = createCoach({
    store,
    packs: new Map([[miniPack.id, miniPack]]),
    feedback: model,
    clock,
    logger: silentLogger,
    random: () => 0,
    newId: () => `session-${store === undefined ? 0 : ++id}-${Math.random()}`,
  });
  return { coach, store, model };
}

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`two instances for one member on ${backend.name}`, () => {
    const prefix = uniquePrefix(`instances_${backend.name}`);
    const clock = new ManualClock();
    const stores: CoachStore[] = [];
    let users = 0;

    /** A second store on the same server, as another process would have (memory: the same one). */
    async function open(answerLeaseMs?: number): Promise<CoachStore> {
      if (backend.name === 'memory' && stores[0]) return stores[0];
      const store = await CoachStore.open({
        url: backend.url!,
        cwd: process.cwd(),
        clock,
        prefix,
        answerLeaseMs,
      });
      stores.push(store);
      return store;
    }

    afterAll(async () => {
      for (const store of new Set(stores)) await store.close();
      await dropTestData(backend, prefix);
    });

    it('grades two answers sent at once to two instances, in turn, and records both', async () => {
      const member: Actor = { platform: 'slack', tenant: 'T1', user: `U${++users}` };
      const a = coachOn(await open(), new HeldModel(true), clock);
      const b = coachOn(await open(), new HeldModel(false), clock);
      await a.coach.handle(eventFor(member, place, start), new RecordingOutbox());
      const outA = new RecordingOutbox();
      const outB = new RecordingOutbox();

      const first = a.coach.handle(eventFor(member, place, answer('First answer: I would query.')), outA);
      await a.model.started;
      // B finds the first answer pending under A's lease and waits for its grade.
      const second = b.coach.handle(eventFor(member, place, answer('Second answer: I would audit.')), outB);
      a.model.release();
      await Promise.all([first, second]);

      expect(a.model.requests.map((request) => request.answer)).toEqual(['First answer: I would query.']);
      expect(b.model.requests.map((request) => request.answer)).toEqual(['Second answer: I would audit.']);
      const session = await a.store.getSession(member, place.channel);
      expect(session?.status).toBe('ended');
      expect(session?.results.map((result) => result.score)).toEqual([4, 4]);
      const history = await b.store.getHistory(member);
      expect(history.attempts).toHaveLength(2);
      expect(history.sessions).toHaveLength(1);
      expect([...outA.finalFeedback(), ...outB.finalFeedback()]).toHaveLength(2);
    });

    it('grades one answer delivered to both instances at once only once', async () => {
      const member: Actor = { platform: 'slack', tenant: 'T1', user: `U${++users}` };
      const a = coachOn(await open(), new HeldModel(true), clock);
      const b = coachOn(await open(), new HeldModel(false), clock);
      await a.coach.handle(eventFor(member, place, start), new RecordingOutbox());
      const outA = new RecordingOutbox();
      const outB = new RecordingOutbox();
      const event = eventFor(member, place, answer('I would query the physician.'), `Ev-${prefix}-${users}`);

      const first = a.coach.handle(event, outA);
      await a.model.started;
      const again = b.coach.handle(event, outB);
      a.model.release();
      await Promise.all([first, again]);

      expect(a.model.requests.length + b.model.requests.length).toBe(1);
      expect([...outA.finalFeedback(), ...outB.finalFeedback()]).toHaveLength(1);
      expect(outB.log).toEqual([]);
      expect((await b.store.getHistory(member)).attempts).toHaveLength(1);
      expect((await b.store.getSession(member, place.channel))?.index).toBe(1);
    });

    // A memory store is one instance's own: nothing outlives it, nothing to take over.
    if (backend.name !== 'memory')
      it('takes over an answer whose instance died while grading, once its lease ran out, and grades it once', async () => {
        const member: Actor = { platform: 'slack', tenant: 'T1', user: `U${++users}` };
        const dying = coachOn(await open(150), new HeldModel(true), clock);
        const survivor = coachOn(await open(150), new HeldModel(false), clock);
        await dying.coach.handle(eventFor(member, place, start), new RecordingOutbox());
        const event = eventFor(
          member,
          place,
          answer('I would query the physician.'),
          `Ev-${prefix}-${users}`,
        );
        // The answer is stored and its grade never comes: the instance is as good as dead.
        const lost = dying.coach.handle(event, new RecordingOutbox());
        await dying.model.started;

        const out = new RecordingOutbox();
        await survivor.coach.handle(event, out);
        expect(survivor.model.requests.map((request) => request.answer)).toEqual([
          'I would query the physician.',
        ]);
        expect(out.finalFeedback()).toHaveLength(1);
        expect(out.finalFeedback()[0]?.notes).toContain(
          'Picking up the answer you sent before the interruption.',
        );

        // Had it only been slow: its late grade finds the answer taken over, and records nothing.
        dying.model.release();
        await lost;
        const history = await survivor.store.getHistory(member);
        expect(history.attempts).toHaveLength(1);
        const session = await survivor.store.getSession(member, place.channel);
        expect(session?.results).toHaveLength(1);
        expect(session?.index).toBe(1);
      });
  });

  if (backend.url === null) {
    describe(`two instances for one member on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}
