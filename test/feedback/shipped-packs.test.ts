import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type QuestionPack, questionPackSchema } from '../../src/content/pack-schema.ts';
import { gradeAnswer, gradeResultSchema } from '../../src/feedback/index.ts';

/** The shipped packs the grader is calibrated on. Missing or unparsable packs are skipped, with the reason in the title. */
const shippedPacks = ['medical-coding', 'behavioral-core'];

const VAGUE_ANSWER = 'I would handle it carefully and make sure that everything gets done the right way.';

function load(id: string): { pack: QuestionPack | null; reason: string } {
  const url = new URL(`../../content/${id}.json`, import.meta.url);
  if (!existsSync(url)) return { pack: null, reason: `content/${id}.json does not exist` };
  try {
    const parsed = questionPackSchema.safeParse(JSON.parse(readFileSync(url, 'utf8')));
    if (!parsed.success) return { pack: null, reason: `content/${id}.json does not parse as a pack` };
    return { pack: parsed.data, reason: '' };
  } catch {
    return { pack: null, reason: `content/${id}.json is not valid JSON` };
  }
}

for (const id of shippedPacks) {
  const { pack, reason } = load(id);
  if (pack === null) {
    it.skip(`grading the shipped pack ${id}: skipped because ${reason}`, () => {});
    continue;
  }
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
