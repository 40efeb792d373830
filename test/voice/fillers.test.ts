import { describe, expect, it } from 'vitest';
import { countFillers, countWords } from '../../src/voice/fillers.ts';

describe('filler words', () => {
  it('counts sounds whatever their spelling, most frequent first', () => {
    expect(countFillers('Umm, so, uh, I checked it. Um, uhh, then hmm, erm, I coded it.')).toEqual({
      uh: 2,
      um: 2,
      er: 1,
      hmm: 1,
    });
  });

  it('counts "like" as a filler only where it fills a gap', () => {
    expect(countFillers('It was, like, a 99214, like… really.')).toEqual({ like: 2 });
    expect(countFillers("I'd like to query the physician; it looks like pneumonia.")).toEqual({});
  });

  it('counts "you know" and "I mean" set off by punctuation, not as verbs', () => {
    expect(countFillers('You know, the modifier matters. I mean, it does, you know.')).toEqual({
      'i mean': 1,
      'you know': 2,
    });
    expect(countFillers('You know the rule: I mean what the guideline says.')).toEqual({});
  });

  it('counts "kind of" and "sort of" as hedges, not after a determiner', () => {
    expect(countFillers('It was kind of late and sort of unclear.')).toEqual({ 'kind of': 1, 'sort of': 1 });
    expect(countFillers('This kind of modifier is a sort of add-on. Which sort of code?')).toEqual({});
  });

  it('counts words with codes as one word each', () => {
    expect(countWords('I coded R07.9 and 99214-25, then queried.')).toBe(7);
    expect(countWords('')).toBe(0);
  });
});
