/**
 * How STAR reads the sentences of a behavioral story: which clauses are steps you took, which are
 * backdrop, habits or maxims, and what a result needs. Each case pairs a reading with its contrast so
 * the rule, not one sentence, is what passes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionPackSchema } from '../../src/content/pack-schema.ts';
import { gradeAnswer } from '../../src/feedback/index.ts';

const pack = questionPackSchema.parse(
  JSON.parse(readFileSync(new URL('../fixtures/grader/test-pack.json', import.meta.url), 'utf8')),
);
const behavioral = pack.questions.find((q) => q.id === 'coding-error-caught')!;

function star(answer: string) {
  const r = gradeAnswer({ question: behavioral, answer });
  if (!r.star) throw new Error('a behavioral question always reports STAR parts');
  return r.star;
}

const SCENE = 'Last spring at a cardiology practice I was auditing my own diabetes claims for the quarter.';

describe('STAR actions', () => {
  it('reads what you found out as the scene, and the verb joined to it as the step', () => {
    const found = `${SCENE} I saw I'd picked the wrong complication code.`;
    expect(star(found).action).toBe('missing');
    const fixed = `${SCENE} I noticed it on Monday and corrected the claim before it went to the payer.`;
    expect(star(fixed).action).toBe('present');
  });

  it('hears an action played down with "just" as thin', () => {
    expect(star(`${SCENE} I just changed the code and moved on.`).action).toBe('thin');
    expect(star(`${SCENE} I changed the code and told my supervisor the same day.`).action).toBe('present');
  });

  it('does not take something that happened to you for something you did', () => {
    expect(star(`${SCENE} I've definitely grown a lot as a coder since then.`).action).toBe('missing');
    expect(star(`${SCENE} I got comfortable with the guidelines after a while.`).action).toBe('missing');
  });

  it('reads a relative clause as description, not narration', () => {
    const relative = `${SCENE} There were colleagues I clicked with and colleagues I didn't.`;
    expect(star(relative).action).toBe('missing');
    const told = `${SCENE} When I reopened the claim I corrected the complication code the same day.`;
    expect(star(told).action).toBe('present');
  });

  it('takes experience summed up over the years as no step of this story', () => {
    expect(star(`${SCENE} I've reviewed a lot of claims over the years.`).action).toBe('missing');
  });

  it('takes the past progressive as backdrop, so a change told during it is no result', () => {
    const answer =
      'Audits are stressful. We were moving to a new EHR around that time, and the coding screens kept changing.';
    expect(star(answer).action).toBe('missing');
    expect(star(answer).result).toBe('missing');
  });
});

describe('STAR results', () => {
  it('reads a change told before anyone in the story acts as backdrop, and after a step as its outcome', () => {
    const before =
      'Remote work has changed how our coding team shares feedback. I enjoy working with people.';
    expect(star(before).result).toBe('missing');
    const after =
      'I rebuilt our diabetes checklist with the two other coders. The checklist changed how our coding team shares feedback.';
    expect(star(after).result).not.toBe('missing');
  });

  it('does not read "comes down to" or a compound like "computer-assisted" as something that happened', () => {
    const answer =
      'Coding is always changing. Most conflicts come down to miscommunication, and computer-assisted coding keeps improving every year.';
    expect(star(answer).result).toBe('missing');
  });

  it('hears getting comfortable, unmeasured, as a thin result', () => {
    const answer = `${SCENE} I corrected the claim and studied the diabetes guidelines. It took a while, but I got comfortable with them after a couple of months.`;
    expect(star(answer).result).toBe('thin');
  });
});

describe('STAR situation and task', () => {
  it('hears a habit framed by "once" as no scene', () => {
    expect(star("Once I submit a claim I don't track what happens to it.").situation).toBe('missing');
    expect(star("Once, at a cardiology practice, I didn't check a claim before it went out.").situation).toBe(
      'thin',
    );
  });

  it('hears being moved to a new specialty as a task implied, not stated', () => {
    const moved = 'Last year I was moved to interventional radiology with three weeks of notice.';
    expect(star(moved).task).toBe('thin');
    const stated = 'Last year my job was to learn interventional radiology coding in three weeks.';
    expect(star(stated).task).toBe('present');
  });
});
