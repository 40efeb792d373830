import { describe, expect, it } from 'vitest';
import { analyseDelivery } from '../../src/voice/delivery.ts';
import { deliveryNote } from '../../src/voice/delivery-note.ts';
import type { Transcription } from '../../src/voice/voice-types.ts';

/** Words one second apart (0.6 s each, 0.4 s gaps), with extra silence after chosen words. */
function timed(text: string, silenceAfter: Record<number, number> = {}): Transcription {
  let at = 1;
  const words = text.split(' ').map((word, index) => {
    const entry = { text: word, start: at, end: at + 0.6 };
    at += 1 + (silenceAfter[index] ?? 0);
    return entry;
  });
  return { text, durationSeconds: at + 2, words, segments: null };
}

describe('delivery figures', () => {
  it('measures speaking time, pace, fillers and long pauses from word timestamps', () => {
    // 30 words, one a second: 29.6 s from the first start to the last end, plus 5 s of pauses.
    const text = Array.from({ length: 30 }, (_, index) => (index % 10 === 0 ? 'um,' : 'code')).join(' ');
    const delivery = analyseDelivery(timed(text, { 4: 3, 20: 2 }), 60)!;
    expect(delivery.seconds).toBe(34.6);
    expect(delivery.wordsPerMinute).toBe(Math.round(30 / (34.6 / 60)));
    expect(delivery.fillers).toEqual({ um: 3 });
    expect(delivery.fillersPerMinute).toBe(Math.round((3 / (34.6 / 60)) * 10) / 10);
    // The gap after word 4 is 0.4 + 3 s; after word 20, 0.4 + 2 s; ordinary gaps (0.4 s) are not pauses.
    expect(delivery.longPauses).toEqual([
      { atSeconds: 5.6, seconds: 3.4 },
      { atSeconds: 24.6, seconds: 2.4 },
    ]);
  });

  it('falls back to segments, then the server-measured duration, then the clip length', () => {
    const text = 'I coded R07.9 and queried the physician about the chest pain';
    const segments = [
      { text: 'I coded R07.9 and queried', start: 0.5, end: 3 },
      { text: 'the physician about the chest pain', start: 6, end: 8.5 },
    ];
    const bySegments = analyseDelivery({ text, durationSeconds: 20, words: null, segments }, 30)!;
    expect(bySegments.seconds).toBe(8);
    expect(bySegments.longPauses).toEqual([{ atSeconds: 3, seconds: 3 }]);
    const byServer = analyseDelivery({ text, durationSeconds: 6, words: null, segments: null }, 30)!;
    expect(byServer).toMatchObject({ seconds: 6, wordsPerMinute: 110, longPauses: null });
    const byClip = analyseDelivery({ text, durationSeconds: null, words: null, segments: null }, 5.5)!;
    expect(byClip).toMatchObject({ seconds: 5.5, wordsPerMinute: 120, longPauses: null });
    expect(analyseDelivery({ text, durationSeconds: null, words: null, segments: null }, null)).toBeNull();
  });

  it('coaches the most important thing first', () => {
    const base = { seconds: 90, wordsPerMinute: 145, fillers: {}, fillersPerMinute: 0, longPauses: [] };
    expect(deliveryNote({ ...base, wordsPerMinute: 190 })).toMatch(/^About 190 words a minute: slow down/);
    expect(deliveryNote({ ...base, wordsPerMinute: 80 })).toMatch(
      /^About 80 words a minute: a little quicker/,
    );
    expect(deliveryNote({ ...base, fillers: { um: 9, like: 2 }, fillersPerMinute: 7.3 })).toMatch(
      /^7.3 fillers a minute, mostly "um"/,
    );
    const pauses = [1, 2, 3].map((at) => ({ atSeconds: at * 10, seconds: 3 }));
    expect(deliveryNote({ ...base, longPauses: pauses })).toMatch(/^3 long pauses/);
    expect(deliveryNote({ ...base, seconds: 12 })).toMatch(/^Only 0:12/);
    expect(deliveryNote({ ...base, seconds: 200 })).toMatch(/^3:20 long/);
    expect(deliveryNote(base)).toMatch(/^Steady delivery/);
  });
});
