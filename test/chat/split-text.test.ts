import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/chat/split-text.ts';

describe('splitText', () => {
  it('leaves short text whole', () => {
    expect(splitText('Score 4/5', 2000)).toEqual(['Score 4/5']);
  });

  it('splits at paragraphs first and loses no words', () => {
    const paragraph = 'word '.repeat(300).trim();
    const text = `${paragraph}\n\n${paragraph}\n\n${paragraph}`;
    const pieces = splitText(text, 2000);
    expect(pieces.every((piece) => piece.length <= 2000)).toBe(true);
    expect(pieces.join(' ').split(/\s+/)).toHaveLength(900);
    expect(pieces[0]).toBe(paragraph);
  });

  it('falls back to sentences, then words, then a hard cut', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} ends here.`).join(' ');
    const pieces = splitText(sentences, 100);
    expect(pieces.every((piece) => piece.length <= 100 && /\.$/.test(piece))).toBe(true);
    const long = 'x'.repeat(250);
    expect(splitText(long, 100)).toEqual(['x'.repeat(100), 'x'.repeat(100), 'x'.repeat(50)]);
  });
});
