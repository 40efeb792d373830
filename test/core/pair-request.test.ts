import { describe, expect, it } from 'vitest';
import {
  agreedRequest,
  compatible,
  decodeEntry,
  encodeEntry,
  type QueueEntry,
  rankCandidates,
} from '../../src/core/pairing/pair-request.ts';

const day = 24 * 60 * 60 * 1000;
const entry = (user: string, at: number, extra: Partial<QueueEntry> = {}): QueueEntry => ({
  id: `e-${user}`,
  user,
  packId: 'medical-coding',
  kind: null,
  level: null,
  at,
  channel: null,
  ...extra,
});

describe('pairing rules', () => {
  it('pairs the same pack, and the same kind and level where both name one', () => {
    const any = entry('a', 0);
    expect(compatible(any, entry('b', 0, { level: 'senior', kind: 'technical' }))).toBe(true);
    expect(compatible(entry('a', 0, { level: 'junior' }), entry('b', 0, { level: 'senior' }))).toBe(false);
    expect(compatible(entry('a', 0, { kind: 'behavioral' }), entry('b', 0, { kind: 'technical' }))).toBe(
      false,
    );
    expect(compatible(any, entry('b', 0, { packId: 'other' }))).toBe(false);
    expect(agreedRequest(any, entry('b', 0, { level: 'mid' }))).toEqual({
      packId: 'medical-coding',
      kind: null,
      level: 'mid',
    });
  });

  it('ranks who waited longest first, partners of the last week last, and never the blocked or oneself', () => {
    const now = 30 * day;
    const me = entry('me', now);
    const waiting = [
      entry('me', now - 5),
      entry('recent', 1),
      entry('blocked', 2),
      entry('late', 20),
      entry('early', 10),
    ];
    const ranked = rankCandidates(
      me,
      waiting,
      {
        blocked: (user) => user === 'blocked',
        lastPairedAt: (user) =>
          user === 'recent' ? now - 2 * day : user === 'early' ? now - 8 * day : undefined,
      },
      now,
    );
    expect(ranked.map(({ user }) => user)).toEqual(['early', 'late', 'recent']);
  });

  it('stores an entry compactly and drops anything else found in a queue', () => {
    const stored = entry('a', 5, { kind: 'technical', channel: 'C1' });
    expect(decodeEntry(encodeEntry(stored))).toEqual(stored);
    // Entries written before joins kept their channel still decode, with none.
    expect(decodeEntry('["id","ann","mini",null,null,5]')).toMatchObject({ user: 'ann', channel: null });
    expect(decodeEntry('not json')).toBeNull();
    expect(decodeEntry('["id", 3]')).toBeNull();
  });
});
