import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/content/load-pack.ts';
import { gradeAnswer, gradeResultSchema } from '../../src/feedback/index.ts';

/** The shipped packs the grader is calibrated on, loaded as the app loads them (common red flags included). */
const shippedPacks = ['medical-coding', 'behavioral-core'];
const packs = loadPacks();

const VAGUE_ANSWER = 'I would handle it carefully and make sure that everything gets done the right way.';

it('ships the packs the grader is calibrated on', () => {
  for (const id of shippedPacks) expect(packs.has(id), `content/${id}.json`).toBe(true);
});

for (const id of shippedPacks) {
  const pack = packs.get(id);
  if (!pack) continue;
  describe(`grading the shipped pack ${id}`, () => {
    it.each(pack.questions.map((q) => [q.id, q] as const))(
      '%s: the sample answer grades 5 with no red flag',
      (_id, q) => {
        const r = gradeAnswer({ question: q, answer: q.sampleAnswer });
        expect(gradeResultSchema.safeParse(r).success).toBe(true);
        expect(r.score, JSON.stringify(r, null, 1)).toBe(5);
        expect(r.redFlags, JSON.stringify(r, null, 1)).toEqual([]);
        for (const e of r.evidence) expect(q.sampleAnswer).toContain(e.quote);
      },
    );

    it.each(pack.questions.map((q) => [q.id, q] as const))(
      '%s: a vague one-sentence answer grades 2 or less',
      (_id, q) => {
        const r = gradeAnswer({ question: q, answer: VAGUE_ANSWER });
        expect(r.score, JSON.stringify(r, null, 1)).toBeLessThanOrEqual(2);
        expect(r.followUp).not.toBeNull();
      },
    );
  });
}
