import { describe, expect, it } from 'vitest';
import { withEventLog } from '../../src/logging/event-log.ts';
import { createServerLogger, type LogLevel } from '../../src/logging/server-logger.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

function capture(level: LogLevel = 'info') {
  const lines: string[] = [];
  const clock = new ManualClock(Date.UTC(2026, 11, 5, 9, 30));
  const logger = createServerLogger({ write: (line: string) => lines.push(line) }, level, clock);
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line)) };
}

describe('the server logger', () => {
  it('writes one JSON line per call with level, time, event and fields', () => {
    const { logger, lines, parsed } = capture();
    logger.info('http-listening', { port: 3000 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(parsed()[0]).toMatchObject({
      level: 'info',
      at: '2026-12-05T09:30:00.000Z',
      event: 'http-listening',
      port: 3000,
      pid: process.pid,
    });
  });

  it('censors answer text, transcripts and secrets, at the top and one level down', () => {
    const { logger, parsed } = capture();
    logger.warn('oops', {
      text: 'Patient John Smith had chest pain',
      transcript: 'um I coded R07.9',
      token: 'xoxb-secret',
      request: { apiKey: 'sk-live', headers: { authorization: 'Bearer sk-live' }, answer: 'my answer' },
      headers: { authorization: 'Bearer xoxb' },
      deliveryId: 'Ev1',
    });
    const line = JSON.stringify(parsed()[0]);
    for (const secret of ['John Smith', 'R07.9', 'xoxb-secret', 'sk-live', 'my answer', 'Bearer xoxb']) {
      expect(line).not.toContain(secret);
    }
    expect(parsed()[0]).toMatchObject({
      deliveryId: 'Ev1',
      text: '[redacted]',
      request: { apiKey: '[redacted]' },
    });
  });

  it('keeps an error as name, message and stack, and honours the level', () => {
    const { logger, parsed } = capture('warn');
    logger.info('event-handled', { type: 'answer-submit' });
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    logger.error('store-failed', { error });
    expect(parsed()).toHaveLength(1);
    expect(parsed()[0]).toMatchObject({
      level: 'error',
      event: 'store-failed',
      error: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:6379', code: 'ECONNREFUSED' },
    });
    expect(parsed()[0].error.stack).toMatch(/^Error: connect/);
  });

  it('logs each event the coach handles once, with ids and its time, never its text', async () => {
    const { logger, parsed } = capture();
    const { coach } = await openHarness(new ScriptedFeedbackModel(() => gradeOf(4)));
    const logged = withEventLog(coach, logger);
    const ann = { platform: 'slack', tenant: 'T9', user: 'U1' };
    const out = new RecordingOutbox();
    await logged.handle(
      eventFor(ann, { channel: 'C1' }, { type: 'session-start', options: { packId: 'mini' } }, 'Ev-start'),
      out,
    );
    await logged.handle(
      eventFor(
        ann,
        { channel: 'C1' },
        { type: 'answer-submit', text: 'I code R07.9 and query.' },
        'Ev-answer',
      ),
      out,
    );
    const lines = parsed();
    expect(lines.map((line) => [line.event, line.type, line.deliveryId, line.tenant])).toEqual([
      ['event-handled', 'session-start', 'Ev-start', 'T9'],
      ['event-handled', 'answer-submit', 'Ev-answer', 'T9'],
    ]);
    expect(lines.every((line) => typeof line.ms === 'number' && line.ms >= 0)).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('R07.9');
    expect(out.finalFeedback()).toHaveLength(1);
  });
});
