import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/ports.ts';
import { answerLogRecord } from '../../src/store/records.ts';
import { readRecord } from '../../src/store/versioned-record.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

const ann: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ann' };

describe('the answer log keeps the feedback given', () => {
  it('migrates version 1 logs: their entries had no feedback kept (null)', () => {
    const entry = { at: 5, packId: 'mini', questionId: 'q', score: 3, source: 'llm', answers: ['a'] };
    const migrated = readRecord(answerLogRecord, { v: 1, entries: [entry] });
    expect(migrated).toEqual({ v: 2, entries: [{ ...entry, feedback: null }] });
  });

  it('logs the feedback with the points missed, redacted again even when the grader echoed an identifier', async () => {
    // A model that quotes more than it was given: the answer was redacted, but its feedback carries an
    // email address and a phone number of its own.
    const model = new ScriptedFeedbackModel(() =>
      gradeOf(2, null, {
        feedback: 'You said to write to jo.smith@example.com or call 415-555-0134. Query the physician.',
        redFlags: ['Assumes a diagnosis'],
      }),
    );
    const { coach, store, clock } = await openHarness(model);
    const out = new RecordingOutbox();
    const place = { channel: 'C1' };
    await coach.handle(
      eventFor(ann, place, { type: 'session-start', options: { packId: 'mini', count: 1, followUps: 0 } }),
      out,
    );
    await coach.handle(
      eventFor(ann, place, { type: 'answer-submit', text: 'Email me at ann@example.org, I code R07.9.' }),
      out,
    );
    const [entry] = await store.loggedAnswers(ann, clock.now() - 86_400_000);
    expect(entry?.answers).toEqual(['Email me at [EMAIL], I code R07.9.']);
    expect(entry?.feedback).toBe(
      'You said to write to [EMAIL] or call [PHONE]. Query the physician.\n' +
        'Missing: Queries the physician.\nRed flags: Assumes a diagnosis.',
    );
    await store.close();
  });
});
