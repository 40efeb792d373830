/**
 * The grader's judgement (issue 10): stance, claims not lists, one sentence cannot both earn a key
 * point and raise a red flag, and dismissals cost. Uses the fixture pack so the rubric is stable.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/content/load-pack.ts';
import { type Question, questionPackSchema } from '../../src/content/pack-schema.ts';
import { gradeAnswer } from '../../src/feedback/index.ts';

const pack = questionPackSchema.parse(
  JSON.parse(readFileSync(new URL('../fixtures/grader/test-pack.json', import.meta.url), 'utf8')),
);
const chestPain = pack.questions.find((q) => q.id === 'unspecified-chest-pain')!;
const QUERY = 'Query the physician with a non-leading query';
const DOCUMENTED = 'Code only what is documented: R07.9';

function covered(answer: string, q: Question = chestPain): string[] {
  return gradeAnswer({ question: q, answer }).coveredPoints;
}

describe('stance: a key point is earned only by a sentence that asserts it', () => {
  it('a negated sentence earns nothing', () => {
    expect(
      covered("I don't query the physician, because the encoder handles the specificity for me."),
    ).not.toContain(QUERY);
    expect(
      covered('I never send a physician query when the record is unclear; it slows everything down.'),
    ).not.toContain(QUERY);
  });

  it('a negation in another clause does not reach the point', () => {
    expect(
      covered(
        "I don't guess at a cardiac cause; I query the physician with the EKG findings in front of me.",
      ),
    ).toContain(QUERY);
  });

  it('two negations assert', () => {
    expect(
      covered(
        'I would never code a condition the physician has not documented, so R07.9 stays until the note changes.',
      ),
    ).toContain(DOCUMENTED);
    expect(
      covered("I don't release a claim without a query to the physician when the findings point elsewhere."),
    ).toContain(QUERY);
  });

  it('a later clause that waves the point away earns nothing', () => {
    expect(
      covered(
        'People talk about querying the physician for chest pain, but honestly it is not worth the time on a busy day.',
      ),
    ).not.toContain(QUERY);
  });

  it("someone else's negation is not the candidate's, and earns nothing either", () => {
    const r = gradeAnswer({
      question: chestPain,
      answer:
        'Some coders never query the physician on chest pain cases, which always worried me as a reviewer.',
    });
    expect(r.coveredPoints).not.toContain(QUERY);
  });

  it("what others say is not the candidate's claim", () => {
    expect(
      covered(
        'People talk a lot about querying the physician, but in my experience nothing changes on the chart.',
      ),
    ).not.toContain(QUERY);
    expect(
      covered('Everyone says to code only what is documented and move on, which is what the encoder does.'),
    ).not.toContain(DOCUMENTED);
  });

  it('a point conceded "in theory" and then waved away earns nothing', () => {
    expect(
      covered(
        'Sending the physician a non-leading query sounds fine in theory, but on a busy day I pick a code myself.',
      ),
    ).not.toContain(QUERY);
  });

  it('a contracted subject ("I\'m") starts a clause of its own', () => {
    expect(
      covered(
        "I don't assume anything about the heart and I'm going to query the physician when the EKG suggests more.",
      ),
    ).toContain(QUERY);
  });

  it('"not only" is no negation', () => {
    expect(
      covered('Not only do I query the physician, I also attach the EKG and troponin results to the query.'),
    ).toContain(QUERY);
  });

  it('dismissing the practices the question is about scores 2 or less and says so', () => {
    const r = gradeAnswer({
      question: chestPain,
      answer:
        "I don't query the physician about chest pain, since it slows the chart down for everyone involved. I don't code only what is documented either; the EKG tells me enough about the patient's heart.",
    });
    expect(r.score).toBeLessThanOrEqual(2);
    expect(r.feedback).toMatch(/waved away|red flag/);
  });
});

describe('red flags are phrases, found wherever they sit in a sentence', () => {
  it('an early stray word does not hide the flagged phrase later in the sentence', () => {
    const r = gradeAnswer({
      question: chestPain,
      answer:
        'I code what the note says on most days of the week, but when the troponin is borderline I code angina to be safe.',
    });
    expect(r.redFlags).toContain('Codes a more specific diagnosis than documented');
    expect(r.score).toBeLessThanOrEqual(2);
  });
});

describe('one sentence cannot both earn a key point and raise a red flag', () => {
  it('a sentence that raises a red flag earns no key point', () => {
    const answer =
      'I would code angina and then send a physician query to confirm it later, which keeps the claims moving for the practice.';
    const r = gradeAnswer({ question: chestPain, answer });
    expect(r.redFlags.length).toBeGreaterThan(0);
    expect(r.coveredPoints).not.toContain(QUERY);
    expect(r.score).toBeLessThanOrEqual(2);
  });
});

describe('claims, not lists', () => {
  const shipped = [...loadPacks().values()];
  const forms: Array<(terms: string[]) => string> = [
    (terms) => `${terms.join(', ')}.`,
    (terms) => `The key terms are ${terms.join(', ')}.`,
    (terms) => `I use ${terms.slice(0, -1).join(', ')} and ${terms[terms.length - 1]}.`,
    (terms) => `${[...terms].reverse().join('; ')}.`,
  ];
  for (const p of shipped) {
    it(`a list of any ${p.id} question's own signals scores 2 or less, in any order and wrapping`, () => {
      const over: string[] = [];
      for (const q of p.questions) {
        const terms = q.keyPoints.flatMap((kp) => kp.signals.slice(0, 3));
        for (const form of forms) {
          const r = gradeAnswer({ question: q, answer: form(terms) });
          if (r.score > 2) over.push(`${q.id} (${r.score}): ${form(terms).slice(0, 60)}…`);
        }
      }
      expect(over).toEqual([]);
    });
  }

  it('an enumeration at the end of a claim is not a list', () => {
    const r = gradeAnswer({
      question: chestPain,
      answer:
        'I code R07.9, and I query the physician when the record documents a finding such as pleuritic pain, exertion, EKG changes, troponin or radiation.',
    });
    expect(r.coveredPoints).toEqual(expect.arrayContaining([DOCUMENTED, QUERY]));
  });

  it('dense notes that make claims are not stuffing', () => {
    const r = gradeAnswer({
      question: chestPain,
      answer:
        'I code R07.9 because the note only says chest pain. If the EKG or troponin suggests more, I send the physician a non-leading query and never assume angina myself.',
    });
    expect(r.reasons).not.toContain('keyword-stuffing');
    expect(r.coveredPoints).toEqual(expect.arrayContaining([DOCUMENTED, QUERY]));
  });
});

describe('unsafe practice is caught on every question of the medical-coding pack', () => {
  const medical = loadPacks().get('medical-coding')!;
  // Written for this test, in words no question's own rubric was tuned on.
  const unsafe = [
    'When the edit fires I just append modifier 59 so both lines pay.',
    'To keep things moving I default every established visit to 99214.',
    'If the note is thin, I get the doctor to add an addendum after the denial and resubmit.',
    'I code from the problem list so nothing gets missed.',
    'I round up the time to reach the next level.',
    'When the physician insists, I bill the higher level anyway and keep it verbal.',
    'Under quota pressure I stop sending queries and go with my best guess.',
  ];
  const refused = [
    'I never append modifier 59 just so both lines pay.',
    'I would not default a visit to 99214; the note decides the level.',
    'I never round up the time, and I only count the physician’s own time.',
  ];

  it('a hire-level answer with one unsafe sentence added scores 2 or less, with a red flag', () => {
    const missed: string[] = [];
    for (const q of medical.questions) {
      for (const sentence of unsafe) {
        const r = gradeAnswer({ question: q, answer: `${q.sampleAnswer} ${sentence}` });
        if (r.score > 2 || r.redFlags.length === 0) missed.push(`${q.id}: ${sentence} (${r.score})`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('refusing the same practices raises nothing', () => {
    const flagged: string[] = [];
    for (const q of medical.questions) {
      for (const sentence of refused) {
        const r = gradeAnswer({ question: q, answer: `${q.sampleAnswer} ${sentence}` });
        if (r.redFlags.length > 0) flagged.push(`${q.id}: ${sentence} → ${r.redFlags.join('; ')}`);
      }
    }
    expect(flagged).toEqual([]);
  });
});

describe('the behavioral pack hears a cover-up on every question', () => {
  const core = loadPacks().get('behavioral-core')!;

  it('a strong story that ends with altering a record scores 2 or less, with a red flag', () => {
    const missed: string[] = [];
    for (const q of core.questions) {
      const r = gradeAnswer({
        question: q,
        answer: `${q.sampleAnswer} Afterwards I quietly backdated the report so nobody would notice the delay.`,
      });
      if (r.score > 2 || r.redFlags.length === 0) missed.push(`${q.id} (${r.score})`);
    }
    expect(missed).toEqual([]);
  });

  it('being asked to do it, and refusing, raises nothing', () => {
    const flagged: string[] = [];
    for (const q of core.questions) {
      const r = gradeAnswer({
        question: q,
        answer: `${q.sampleAnswer} Once a director asked me to backdate a report, and I said no and told compliance.`,
      });
      if (r.redFlags.length > 0) flagged.push(`${q.id}: ${r.redFlags.join('; ')}`);
    }
    expect(flagged).toEqual([]);
  });
});
