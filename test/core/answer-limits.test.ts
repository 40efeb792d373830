import { describe, expect, it } from 'vitest';
import { checkAnswerText, decodeAnswerBytes, maxAnswerLength } from '../../src/core/answer-limits.ts';
import { messages } from '../../src/core/messages.ts';
import type { Actor } from '../../src/core/ports.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

const ann: Actor = { platform: 'discord', tenant: 'G1', user: 'ann' };
const channel = { channel: 'C1' };

describe('checkAnswerText', () => {
  it('takes an answer of exactly the limit and refuses one character more, with the shared message', () => {
    expect(checkAnswerText('a'.repeat(maxAnswerLength))).toBeNull();
    const problem = checkAnswerText('a'.repeat(maxAnswerLength + 1));
    expect(problem?.code).toBe('ANSWER_TOO_LONG');
    expect(problem?.message).toBe(messages.answerTooLong(maxAnswerLength, maxAnswerLength + 1));
  });

  it('refuses NUL bytes and text that is mostly control characters, but not a stray escape in prose', () => {
    expect(checkAnswerText('I coded it\0 then queried')?.code).toBe('ANSWER_NOT_TEXT');
    expect(checkAnswerText('\x01\x02\x03\x04 abc')?.code).toBe('ANSWER_NOT_TEXT');
    expect(checkAnswerText('I would code R07.9 \x1b[2J and query the physician.')).toBeNull();
    expect(checkAnswerText('  \n ')?.code).toBe('EMPTY_ANSWER');
  });

  it('decodes UTF-8 without its byte-order mark and refuses bytes that are not UTF-8', () => {
    expect(decodeAnswerBytes(Buffer.from('\ufeffR07.9 — naïve', 'utf8'))).toBe('R07.9 — naïve');
    const bad = decodeAnswerBytes(Buffer.from([0x52, 0xff, 0xfe, 0x41]));
    expect(typeof bad === 'string' ? null : bad.code).toBe('ANSWER_NOT_UTF8');
  });
});

describe('the coach refuses what grade refuses', () => {
  it('a binary answer gets a clear error and is not graded', async () => {
    const model = new ScriptedFeedbackModel(() => gradeOf(4));
    const { coach } = await openHarness(model);
    const out = new RecordingOutbox();
    await coach.handle(eventFor(ann, channel, { type: 'session-start', options: { packId: 'mini' } }), out);
    await coach.handle(eventFor(ann, channel, { type: 'answer-submit', text: 'bin\0\0ary' }), out);
    expect(out.last('error')?.code).toBe('ANSWER_NOT_TEXT');
    expect(out.last('error')?.text).toBe(messages.answerNotText());
    expect(model.requests).toHaveLength(0);
  });
});
