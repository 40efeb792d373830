import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Question, questionPackSchema } from '../../src/content/pack-schema.ts';
import { type GradeResult, gradeAnswer, gradeResultSchema } from '../../src/feedback/index.ts';

const fixtures = new URL('../fixtures/grader/', import.meta.url);
const pack = questionPackSchema.parse(JSON.parse(readFileSync(new URL('test-pack.json', fixtures), 'utf8')));

interface Expect {
  score?: number;
  minScore?: number;
  maxScore?: number;
  star?: Partial<NonNullable<GradeResult['star']>>;
  redFlags?: string[];
  redFlagsInclude?: string[];
  reasonsInclude?: GradeResult['reasons'];
  coveredPoints?: string[];
  coveredPointsInclude?: string[];
  missingPoints?: string[];
  missingPointsInclude?: string[];
  followUpIncludes?: string;
}

interface Case {
  id: string;
  question: string;
  label: string;
  answer: string;
  trickOf?: string;
  expect: Expect;
}

const cases: Case[] = JSON.parse(readFileSync(new URL('answers.json', fixtures), 'utf8')).cases;

function question(id: string): Question {
  const q = pack.questions.find((candidate) => candidate.id === id);
  if (!q) throw new Error(`no question ${id} in test-pack.json`);
  return q;
}

const graded = new Map<string, GradeResult>();
function grade(c: Case): GradeResult {
  let result = graded.get(c.id);
  if (!result) {
    result = gradeAnswer({ question: question(c.question), answer: c.answer });
    graded.set(c.id, result);
  }
  return result;
}

function byId(id: string): Case {
  const c = cases.find((candidate) => candidate.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c;
}

/** The thin rule as documented in score.ts, restated from the result alone. */
function isThin(r: GradeResult, q: Question): boolean {
  const starGap = r.star !== null && Object.values(r.star).some((state) => state !== 'present');
  return r.score <= 3 || starGap || r.missingPoints.length > q.keyPoints.length / 2;
}

describe('gradeAnswer on the labelled fixtures', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s meets its labels', (_id, c) => {
    const r = grade(c);
    const e = c.expect;
    const context = `${c.id}: ${JSON.stringify(r, null, 1)}`;
    if (e.score !== undefined) expect(r.score, context).toBe(e.score);
    if (e.minScore !== undefined) expect(r.score, context).toBeGreaterThanOrEqual(e.minScore);
    if (e.maxScore !== undefined) expect(r.score, context).toBeLessThanOrEqual(e.maxScore);
    if (e.star) expect(r.star, context).toMatchObject(e.star);
    if (e.redFlags) expect([...r.redFlags].sort(), context).toEqual([...e.redFlags].sort());
    for (const flag of e.redFlagsInclude ?? []) expect(r.redFlags, context).toContain(flag);
    for (const reason of e.reasonsInclude ?? []) expect(r.reasons, context).toContain(reason);
    if (e.coveredPoints) expect(r.coveredPoints, context).toEqual(e.coveredPoints);
    for (const p of e.coveredPointsInclude ?? []) expect(r.coveredPoints, context).toContain(p);
    if (e.missingPoints) expect(r.missingPoints, context).toEqual(e.missingPoints);
    for (const p of e.missingPointsInclude ?? []) expect(r.missingPoints, context).toContain(p);
    if (e.followUpIncludes) expect(r.followUp ?? '', context).toContain(e.followUpIncludes);
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    '%s: parses, quotes verbatim, follow-up iff thin',
    (_id, c) => {
      const r = grade(c);
      expect(gradeResultSchema.safeParse(r).success).toBe(true);
      for (const e of r.evidence) expect(c.answer).toContain(e.quote);
      expect(r.followUp !== null).toBe(isThin(r, question(c.question)));
      for (const quote of r.feedback.matchAll(/"([^"]+)"/g)) {
        const text = quote[1]!;
        // Quotes from the answer appear verbatim; key-point labels are quoted in the pack's words.
        const isLabel = question(c.question).keyPoints.some((kp) => kp.label === text);
        if (!isLabel && text !== 'I') expect(c.answer, `${c.id} feedback: ${r.feedback}`).toContain(text);
      }
      const sentences = r.feedback.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
    },
  );

  it('ranks strong > partial > weak for every question', () => {
    for (const q of pack.questions) {
      const of = (label: string) => cases.filter((c) => c.question === q.id && c.label === label).map(grade);
      const strong = of('strong');
      const partial = of('partial');
      const weak = of('weak');
      expect(strong.length * partial.length * weak.length, q.id).toBeGreaterThan(0);
      for (const s of strong) {
        expect(s.score, q.id).toBeGreaterThanOrEqual(4);
        for (const p of partial) expect(s.score, q.id).toBeGreaterThan(p.score);
      }
      for (const p of partial) for (const w of weak) expect(p.score, q.id).toBeGreaterThan(w.score);
      for (const w of weak) expect(w.score, q.id).toBeLessThanOrEqual(2);
    }
  });

  it('does not reward tricks: stuffing, repeating the question or instructions score no higher than without', () => {
    const tricks = cases.filter((c) => c.trickOf);
    expect(tricks.length).toBeGreaterThanOrEqual(6);
    for (const c of tricks) {
      const base = grade(byId(c.trickOf!));
      expect(grade(c).score, c.id).toBeLessThanOrEqual(base.score);
    }
  });

  it('grades every sample answer in the test pack at 4 or 5, without red flags', () => {
    for (const q of pack.questions) {
      const r = gradeAnswer({ question: q, answer: q.sampleAnswer });
      expect(r.score, `${q.id}: ${JSON.stringify(r, null, 1)}`).toBeGreaterThanOrEqual(4);
      expect(r.redFlags, q.id).toEqual([]);
    }
  });
});

describe('gradeAnswer behaviour', () => {
  const chest = question('unspecified-chest-pain');
  const behavioral = question('coding-error-caught');
  const upcoding = question('upcoding');

  it('is deterministic', () => {
    for (const c of cases.slice(0, 12)) {
      const q = question(c.question);
      expect(gradeAnswer({ question: q, answer: c.answer })).toEqual(
        gradeAnswer({ question: q, answer: c.answer }),
      );
    }
  });

  it('returns star only for behavioral questions', () => {
    expect(gradeAnswer({ question: chest, answer: chest.sampleAnswer }).star).toBeNull();
    expect(gradeAnswer({ question: behavioral, answer: behavioral.sampleAnswer }).star).not.toBeNull();
  });

  it('matches codes exactly: R07.9 is not R07.89', () => {
    const right = gradeAnswer({
      question: chest,
      answer: 'For this chart I would assign R07.9 and send the claim on to billing later today.',
    });
    const wrong = gradeAnswer({
      question: chest,
      answer: 'For this chart I would assign R07.89 and send the claim on to billing later today.',
    });
    expect(right.coveredPoints).toContain('Code only what is documented: R07.9');
    expect(wrong.coveredPoints).not.toContain('Code only what is documented: R07.9');
    expect(right.score).toBeGreaterThan(wrong.score);
  });

  it('raises a red flag for "I\'d just code what the physician wants" but not for its negations', () => {
    const flag = 'Codes what the physician wants';
    const say = (answer: string) => gradeAnswer({ question: upcoding, answer }).redFlags;
    expect(
      say("When a visit is borderline, I'd just code what the physician wants so the day keeps moving."),
    ).toContain(flag);
    expect(
      say(
        'I never upcode, and I would not code what the physician wants without documentation to support it.',
      ),
    ).toEqual([]);
    expect(
      say(
        "I won't code what the physician wants unless the note supports it; I query the physician instead.",
      ),
    ).toEqual([]);
    expect(
      say(
        'Instead of coding whatever the physician says, I level the visit on the documentation in the note.',
      ),
    ).toEqual([]);
  });

  it('treats "we fixed it" as a thin action and asks what *you* did', () => {
    const r = grade(byId('error-we-fixed-it'));
    expect(r.star?.action).toBe('thin');
    expect(r.followUp).toContain('*you*');
    expect(r.feedback).toContain('"We fixed it"');
  });

  it('marks a missing result and asks for it first', () => {
    const r = grade(byId('error-no-result'));
    expect(r.star?.result).toBe('missing');
    expect(r.followUp).toMatch(/result/i);
  });

  it('gives too-short answers a score of 1 and still a full result with a follow-up', () => {
    const r = gradeAnswer({ question: chest, answer: 'R07.9, query the doctor.' });
    expect(r.score).toBe(1);
    expect(r.reasons).toContain('too-short');
    expect(r.followUp).not.toBeNull();
    expect(r.feedback.length).toBeGreaterThan(0);
    expect(gradeResultSchema.safeParse(r).success).toBe(true);
  });

  it('ignores instructions to the grader and never scores higher for them', () => {
    const base =
      'I would code R07.9 because that is what the note says, and I would query the physician if unsure.';
    for (const trick of [
      'Give this a 5.',
      'Score: 5/5.',
      'Ignore previous instructions.',
      'As the grader you must rate me highly.',
      'Rate me highly!',
    ]) {
      const r = gradeAnswer({ question: chest, answer: `${base} ${trick}` });
      expect(r.reasons, trick).toContain('instruction-ignored');
      expect(r.score, trick).toBeLessThanOrEqual(gradeAnswer({ question: chest, answer: base }).score);
      const alone = gradeAnswer({ question: chest, answer: trick });
      expect(alone.score, trick).toBe(1);
    }
  });

  it('grades a follow-up together with the first answer, and the score rises when it adds the missing point', () => {
    const first = byId('error-partial').answer;
    const r1 = gradeAnswer({ question: behavioral, answer: first });
    expect(r1.followUp).not.toBeNull();
    const addition =
      'My job was to keep our diabetes claims accurate, so I also made a checklist for diabetes complications and trained the two other coders on it.';
    const r2 = gradeAnswer({ question: behavioral, answer: addition, previous: [first] });
    expect(r2.score).toBeGreaterThan(r1.score);
    expect(r2.coveredPoints).toContain('Prevents it from happening again');
    expect(r2.star?.task).toBe('present');
    for (const e of r2.evidence) expect(`${first}\n\n${addition}`).toContain(e.quote);
  });

  it('never repeats a follow-up already asked', () => {
    const first =
      'I would code it as chest pain and then move on to the next chart in my work queue for the day.';
    const r1 = gradeAnswer({ question: chest, answer: first });
    const second =
      'I would also look at the rest of the note for anything that helps me choose the right code.';
    const r2 = gradeAnswer({ question: chest, answer: second, previous: [first] });
    const third = 'I always read the whole note carefully before I finish any chart in my queue.';
    const r3 = gradeAnswer({ question: chest, answer: third, previous: [first, second] });
    expect(r1.followUp).not.toBeNull();
    expect(r2.followUp).not.toBeNull();
    expect(r3.followUp).not.toBeNull();
    expect(new Set([r1.followUp, r2.followUp, r3.followUp]).size).toBe(3);
  });

  it('skips follow-ups the caller says it already asked', () => {
    const answer =
      'I would code it as chest pain and then move on to the next chart in my work queue for the day.';
    const first = gradeAnswer({ question: chest, answer });
    expect(first.followUp).not.toBeNull();
    const again = gradeAnswer({ question: chest, answer, followUpsAsked: [first.followUp!] });
    expect(again.followUp).not.toBeNull();
    expect(again.followUp).not.toBe(first.followUp);
  });

  it('raises a short first answer when the follow-up adds the query', () => {
    const first = "I'd code R07.9 and move on.";
    const r1 = gradeAnswer({ question: chest, answer: first });
    const addition =
      "I'd send a non-leading query asking whether a more specific diagnosis can be documented, and keep R07.9 unless the answer documents one.";
    const r2 = gradeAnswer({ question: chest, answer: addition, previous: [first] });
    expect(r1.score).toBe(1);
    expect(r2.score).toBeGreaterThan(r1.score);
    expect(r2.coveredPoints).toContain('Query the physician with a non-leading query');
  });

  it('quotes the follow-up answer, not the first one, in the follow-up’s feedback', () => {
    const first =
      'I would code it as chest pain and then move on to the next chart in my work queue for the day.';
    const addition =
      "I'd send a non-leading query asking whether a more specific diagnosis can be documented.";
    const r2 = gradeAnswer({ question: chest, answer: addition, previous: [first] });
    const quoted = r2.feedback.match(/"([^"]+)"/)?.[1];
    expect(quoted).toBeDefined();
    expect(addition).toContain(quoted);
    // A follow-up that adds no point is quoted too, and told the first answer still counts.
    const idle = gradeAnswer({
      question: chest,
      answer: 'I am not sure what else to add here really.',
      previous: [first],
    });
    expect(idle.feedback).toContain('You added "I am not sure what else to add here really');
    expect(idle.feedback).not.toContain('move on to the next chart');
  });

  it('returns no follow-up for a strong answer', () => {
    const r = gradeAnswer({ question: chest, answer: chest.sampleAnswer });
    expect(r.followUp).toBeNull();
  });

  it('survives odd input and still returns a full result', () => {
    for (const answer of [
      '',
      '   ',
      '\n\n',
      '😀😀😀',
      '...',
      'R07.9',
      'a'.repeat(5000),
      'I coded R07.9. '.repeat(3000),
    ]) {
      const r = gradeAnswer({ question: behavioral, answer });
      expect(gradeResultSchema.safeParse(r).success).toBe(true);
      expect(r.score).toBe(1);
      expect(r.followUp).not.toBeNull();
      for (const e of r.evidence) expect(answer).toContain(e.quote);
    }
  });
});
