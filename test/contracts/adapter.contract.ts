/**
 * The `Outbox` contract (src/core/ports.ts), checked the same way on every adapter: the real adapter and
 * the real coach, the platform's library talking to its local fake, which is told to refuse posts or
 * edits. Each platform's test file gives a driver that speaks its platform; the scenarios below speak
 * only of what a person sees.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionPack } from '../../src/content/pack-schema.ts';
import type { FeedbackModel } from '../../src/core/feedback-model.ts';
import type { Logger } from '../../src/core/logger.ts';
import { messages } from '../../src/core/messages.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';

/** One message as a person sees it now: edited messages show their latest text. */
export interface Shown {
  /** The same message keeps its key through edits. */
  key: string;
  text: string;
  /** Shown to one person only (ephemeral in Slack and Discord; everything in the terminal). */
  private: boolean;
}

export type Who = 'owner' | 'other';

export interface ContractDriver {
  /** The owner starts a session (`/coach start`, `/practice`, `starcoach practice`). */
  start(): Promise<void>;
  /** The owner answers the current question. */
  answer(text: string): Promise<void>;
  /** The platform delivers the owner's last answer again (Slack's retry, Discord's re-sent interaction). */
  answerAgain(): Promise<void>;
  /** Presses a button under the latest question (or the first one) as the owner (or someone else). */
  press(action: 'hint' | 'skip', options?: { question?: 'first' | 'latest'; as?: Who }): Promise<void>;
  /** The platform refuses the bot's next `times` new messages ('post') or edits of one ('edit'). */
  refuse(kind: 'post' | 'edit', times: number): void;
  /** What `who` (the owner by default) can read now, oldest first. */
  shown(who?: Who): Shown[];
  /** Error-level log events: a platform refusing a reply is the platform's doing, not a bug of ours. */
  errors(): string[];
  close(): Promise<void>;
}

export interface ContractSetup {
  pack: QuestionPack;
  feedback: FeedbackModel;
}

export type Scenario =
  | 'first post fails'
  | 'an edit fails'
  | 'the final edit fails'
  | 'a stale button'
  | 'a duplicate delivery'
  | 'a non-owner';

export interface ContractPlatform {
  name: string;
  /**
   * Every driver method resolves once the adapter has finished with the event. Each scenario gets a
   * fresh driver: its own fake platform, store and coach.
   */
  open(setup: ContractSetup): Promise<ContractDriver>;
  /** Scenarios the platform cannot express, with the reason (they are reported as skipped). */
  cannot?: Partial<Record<Scenario, string>>;
}

/** A logger that keeps the events it was given at error level, for `ContractDriver.errors()`. */
export function errorRecordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, warn: () => {}, error: (event) => errors.push(event) };
}

const answerText = 'I code R07.9 and send the physician a non-leading query.';
const questionTexts = miniPack.questions.map((question) => question.text);
const isQuestion = (shown: Shown) => questionTexts.some((text) => shown.text.includes(text));
const isGrade = (shown: Shown) => shown.text.includes('Score 3/5');
const texts = (shown: Shown[]) => shown.map((item) => item.text);

export function runAdapterContract(platform: ContractPlatform): void {
  describe(`the ${platform.name} adapter keeps the Outbox contract`, () => {
    let driver: ContractDriver;

    beforeEach(async () => {
      // Every answer scores 3 with the text "Scored 3.", streamed once ("Sco") before the grade.
      const feedback = new ScriptedFeedbackModel(() => gradeOf(3));
      driver = await platform.open({ pack: miniPack, feedback });
    });
    afterEach(async () => {
      await driver.close();
    });

    function scenario(name: Scenario, title: string, body: () => Promise<void>) {
      const reason = platform.cannot?.[name];
      if (reason) it.skip(`${name}: ${reason}`, body);
      else it(`${name}: ${title}`, body);
    }

    scenario(
      'first post fails',
      'the user is told privately, the session is forgotten, and starting again asks the first question',
      async () => {
        driver.refuse('post', 1);
        await driver.start();
        const first = driver.shown();
        expect(first.filter(isQuestion)).toEqual([]);
        const notes = first.filter((shown) => shown.private);
        expect(notes.length).toBeGreaterThan(0);
        // The platform refused a post: not "something broke on our side; your session is saved".
        expect(texts(notes).join('\n')).not.toContain(messages.internalError());
        expect(driver.errors()).toEqual([]);

        const before = driver.shown().length;
        await driver.start();
        const again = driver.shown().slice(before);
        expect(again.filter(isQuestion)).toHaveLength(1);
        expect(texts(again).join('\n')).not.toContain('session in progress');
      },
    );

    scenario(
      'an edit fails',
      'the final grade still lands in place of the placeholder, and the session goes on',
      async () => {
        await driver.start();
        driver.refuse('edit', 1);
        const before = driver.shown().length;
        await driver.answer(answerText);
        const after = driver.shown().slice(before);
        const graded = after.filter(isGrade);
        expect(graded).toHaveLength(1);
        expect(graded[0]!.text).toContain('Scored 3.');
        expect(texts(after).join('\n')).not.toContain(messages.gradingPlaceholder());
        expect(after.filter(isQuestion)).toHaveLength(1);
        expect(driver.errors()).toEqual([]);
      },
    );

    scenario(
      'the final edit fails',
      'the grade is posted anew, once, with its text, and the session goes on',
      async () => {
        await driver.start();
        // The one streamed edit and the final one.
        driver.refuse('edit', 2);
        const before = driver.shown().length;
        await driver.answer(answerText);
        const after = driver.shown().slice(before);
        const graded = after.filter(isGrade);
        expect(graded).toHaveLength(1);
        expect(graded[0]!.text).toContain('Scored 3.');
        expect(after.filter(isQuestion)).toHaveLength(1);
        expect(driver.errors()).toEqual([]);
      },
    );

    scenario(
      'a stale button',
      'a press under an earlier question is refused privately and acts on nothing',
      async () => {
        await driver.start();
        await driver.press('skip');
        expect(driver.shown().filter(isQuestion)).toHaveLength(2);
        const before = driver.shown().length;
        await driver.press('hint', { question: 'first' });
        const after = driver.shown().slice(before);
        expect(texts(after)).toEqual([expect.stringContaining(messages.staleAction())]);
        expect(after[0]!.private).toBe(true);
      },
    );

    scenario('a duplicate delivery', 'an answer delivered twice is graded once and shown once', async () => {
      await driver.start();
      await driver.answer(answerText);
      const before = driver.shown();
      await driver.answerAgain();
      expect(driver.shown()).toEqual(before);
      expect(driver.shown().filter(isGrade)).toHaveLength(1);
    });

    scenario(
      'a non-owner',
      'someone else’s press is refused to them privately, and the owner sees nothing change',
      async () => {
        await driver.start();
        const before = driver.shown();
        await driver.press('hint', { as: 'other' });
        expect(driver.shown()).toEqual(before);
        const toOther = driver.shown('other').filter((shown) => shown.private);
        expect(texts(toOther)).toEqual([expect.stringContaining(messages.notYourSession())]);
      },
    );
  });
}
