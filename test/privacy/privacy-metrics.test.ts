import { describe, expect, it } from 'vitest';
import { evaluatePrivacy, missedTargets, scoreItem } from '../../src/eval/privacy-metrics.ts';
import type { LabelledText } from '../../src/eval/privacy-set.ts';

const item: LabelledText = {
  id: 'x',
  text: 'Call Ann Lee at +44 20 7946 0958 about 99213 and Lee Street.',
  remove: ['Ann Lee', '+44 20 7946 0958'],
  keep: ['99213'],
};

describe('scoreItem', () => {
  it('counts an identifier removed only when no part of it is left', () => {
    const r = scoreItem(item, 'Call [NAME] at +44 20 [PHONE] about 99213 and Lee Street.');
    expect(r.leaked).toEqual(['+44 20 7946 0958']);
    expect(r.altered).toEqual([]);
  });

  it('does not blame a part that the rest of the text already had ("Lee Street")', () => {
    expect(scoreItem(item, 'Call [NAME] at [PHONE] about 99213 and Lee Street.').leaked).toEqual([]);
  });

  it('counts a survivor altered when it occurs fewer times than in the input', () => {
    expect(scoreItem(item, 'Call [NAME] at [PHONE] about [ADDRESS] and Lee Street.').altered).toEqual([
      '99213',
    ]);
  });

  it('allows a cue word to stay in front of its placeholder', () => {
    const ext: LabelledText = {
      id: 'e',
      text: 'x 555-123-4567 ext. 204',
      remove: ['555-123-4567 ext. 204'],
      keep: [],
    };
    expect(scoreItem(ext, 'x [PHONE] ext. [PHONE]').leaked).toEqual([]);
    expect(scoreItem(ext, 'x [PHONE] ext. 204').leaked).toEqual(['555-123-4567 ext. 204']);
  });
});

describe('evaluatePrivacy', () => {
  const clean: LabelledText = { id: 'c', text: 'Billed 99213.', remove: [], keep: ['99213'] };

  it('gives 0% recall to a redactor that changes nothing, and misses the target', () => {
    const report = evaluatePrivacy([item, clean], (t) => t);
    expect(report).toMatchObject({ identifiers: 2, removed: 0, recall: 0, survivors: 2, altered: 0 });
    expect(report.cleanItemsChanged).toBe(0);
    expect(missedTargets(report)).toEqual(['recall 0.0% < 99%']);
  });

  it('gives full recall but every survivor altered to a redactor that blanks everything', () => {
    const report = evaluatePrivacy([item, clean], () => '');
    expect(report).toMatchObject({
      removed: 2,
      recall: 100,
      altered: 2,
      cleanItems: 1,
      cleanItemsChanged: 1,
    });
    expect(missedTargets(report)).toEqual(['2 survivors altered']);
  });
});
