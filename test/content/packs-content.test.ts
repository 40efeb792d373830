import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Question, type QuestionPack, questionPackSchema } from '../../src/content/pack-schema.ts';

/** The raw text of a shipped pack, read from content/. */
function rawPack(id: string): string {
  return readFileSync(new URL(`../../content/${id}.json`, import.meta.url), 'utf8');
}

function loadPack(id: string): QuestionPack {
  return questionPackSchema.parse(JSON.parse(rawPack(id)));
}

function countBy<K extends 'kind' | 'level'>(pack: QuestionPack, key: K): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const q of pack.questions) counts[q[key]] = (counts[q[key]] ?? 0) + 1;
  return counts;
}

/** What a reader sees of a question: its text and its sample answer. */
function shown(q: Question): string {
  return `${q.text}\n${q.sampleAnswer}`;
}

const packIds = ['medical-coding', 'behavioral-core'] as const;

describe.each(packIds)('the %s pack', (id) => {
  it('is valid JSON formatted with 2-space indentation', () => {
    const raw = rawPack(id);
    expect(() => JSON.parse(raw)).not.toThrow();
    expect(raw).not.toMatch(/\t/);
    expect(raw.endsWith('\n')).toBe(true);
    for (const line of raw.split('\n')) {
      const indent = line.length - line.trimStart().length;
      expect(indent % 2, `odd indentation: ${JSON.stringify(line)}`).toBe(0);
    }
    expect(raw.split('\n')[1]).toMatch(/^ {2}"\$schema": "\.\/pack\.schema\.json",$/);
  });

  it('parses with the pack schema, and its id matches the file name', () => {
    const parsed = questionPackSchema.safeParse(JSON.parse(rawPack(id)));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues, null, 1)).toBe(true);
    expect(parsed.data?.id).toBe(id);
  });

  it('has unique question ids', () => {
    const ids = loadPack(id).questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every key point and red flag at least two signals, and red flags a reason', () => {
    for (const q of loadPack(id).questions) {
      for (const kp of q.keyPoints)
        expect(kp.signals.length, `${q.id}: ${kp.label}`).toBeGreaterThanOrEqual(2);
      for (const rf of q.redFlags) {
        expect(rf.signals.length, `${q.id}: ${rf.label}`).toBeGreaterThanOrEqual(2);
        expect(rf.why.length, `${q.id}: ${rf.label}`).toBeGreaterThan(20);
        // The feedback tells what to do instead of the flagged practice.
        expect(rf.instead?.length ?? 0, `${q.id}: ${rf.label} has no instead`).toBeGreaterThan(20);
      }
    }
  });

  it('keeps each question within the rubric shape: 3-6 key points, 3-8 red flags, hints and follow-ups', () => {
    for (const q of loadPack(id).questions) {
      expect(q.keyPoints.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.keyPoints.length, q.id).toBeLessThanOrEqual(6);
      expect(q.redFlags.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.redFlags.length, q.id).toBeLessThanOrEqual(8);
      expect(q.hints?.length ?? 0, q.id).toBeGreaterThanOrEqual(1);
      expect(q.followUps?.length ?? 0, q.id).toBeGreaterThanOrEqual(1);
      const words = q.sampleAnswer.split(/\s+/).length;
      expect(words, `${q.id}: sample answer length`).toBeGreaterThanOrEqual(120);
      expect(words, `${q.id}: sample answer length`).toBeLessThanOrEqual(220);
    }
  });
});

describe('the medical-coding pack', () => {
  const pack = loadPack('medical-coding');

  it('lists at least four wrong practices for every technical and situational question', () => {
    for (const q of pack.questions) {
      if (q.kind === 'behavioral') continue;
      expect(q.redFlags.length, q.id).toBeGreaterThanOrEqual(4);
    }
  });
  const raw = rawPack('medical-coding');

  it('names the role', () => {
    expect(pack.roleTitle).toBe('Medical Coding Specialist');
    expect(pack.prepTips.length).toBeGreaterThanOrEqual(4);
    expect(pack.prepTips.length).toBeLessThanOrEqual(6);
  });

  it('has at least 30 questions spread across kinds and levels', () => {
    expect(pack.questions.length).toBeGreaterThanOrEqual(30);
    const kinds = countBy(pack, 'kind');
    expect(kinds.behavioral ?? 0).toBeGreaterThanOrEqual(8);
    expect(kinds.technical ?? 0).toBeGreaterThanOrEqual(12);
    expect(kinds.situational ?? 0).toBeGreaterThanOrEqual(8);
    const levels = countBy(pack, 'level');
    for (const level of ['junior', 'mid', 'senior'])
      expect(levels[level] ?? 0, level).toBeGreaterThanOrEqual(8);
  });

  it('states the facts exactly', () => {
    expect(pack.questions.some((q) => shown(q).includes('R07.9'))).toBe(true);
    expect(pack.questions.some((q) => /\bAMA\b/.test(shown(q)) && /\bCPT\b/.test(shown(q)))).toBe(true);
    expect(pack.questions.some((q) => /\bCMS\b/.test(shown(q)) && shown(q).includes('HCPCS Level II'))).toBe(
      true,
    );
    expect(raw).toContain('October 1');
    expect(raw).toContain('January 1');
    expect(raw).toMatch(/CPC from AAPC/);
    expect(raw).toMatch(/CCS from AHIMA/);
    expect(raw).toContain('False Claims Act');
    expect(pack.questions.some((q) => /exclusion from Medicare and Medicaid/.test(shown(q)))).toBe(true);
  });

  const seedQuestions: Array<[string, RegExp]> = [
    ['a coding error you caught', /coding error/i],
    ['ICD-10-CM vs CPT vs HCPCS', /ICD-10-CM.*CPT.*HCPCS/i],
    ['highest level of specificity', /highest level of specificity/i],
    ['undocumented chest pain', /chest pain/i],
    ['upcoding', /upcoding/i],
    ['documentation that does not support the code', /insufficient|doesn't support|does not support/i],
    ['training new coders across a department', /training new coders|new coders/i],
    ['implementing or updating coding software', /coding software/i],
    ['staying current with guidelines', /stay current/i],
    ['complex cases needing multiple codes', /multiple codes/i],
    ['the main coding systems', /main coding systems|code sets/i],
    ['ensuring accuracy', /ensure accuracy/i],
  ];

  it.each(seedQuestions)('asks the seed question about %s', (_name, pattern) => {
    expect(pack.questions.some((q) => pattern.test(q.text))).toBe(true);
  });

  it('covers the common interview topics beyond the seeds', () => {
    const texts = pack.questions.map((q) => q.text).join('\n');
    for (const topic of [
      /modifier 25/i,
      /modifier 59/i,
      /NCCI/,
      /E\/M/,
      /combination code/i,
      /HIPAA/,
      /denied/i,
      /audit/i,
      /query/i,
      /undercoding/i,
      /unbundling/i,
    ]) {
      expect(texts, String(topic)).toMatch(topic);
    }
  });

  it('uses one small competency vocabulary', () => {
    const vocabulary = new Set(pack.questions.flatMap((q) => q.competencies));
    expect(vocabulary.size).toBeLessThanOrEqual(24);
  });
});

describe('the behavioral-core pack', () => {
  const pack = loadPack('behavioral-core');

  it('has at least 15 behavioral questions at mixed levels', () => {
    expect(pack.questions.length).toBeGreaterThanOrEqual(15);
    expect(pack.questions.every((q) => q.kind === 'behavioral')).toBe(true);
    const levels = countBy(pack, 'level');
    for (const level of ['junior', 'mid', 'senior'])
      expect(levels[level] ?? 0, level).toBeGreaterThanOrEqual(2);
  });

  it('asks the core behavioral questions', () => {
    const texts = pack.questions.map((q) => q.text).join('\n');
    for (const topic of [
      /conflict/i,
      /failed/i,
      /deadline/i,
      /without formal authority/i,
      /received critical feedback/i,
      /difficult feedback/i,
      /unclear goals|incomplete information/i,
      /mistake/i,
      /urgent demands/i,
      /persuaded/i,
      /adapt/i,
      /beyond your job/i,
      /difficult customer|stakeholder/i,
      /learn something new/i,
      /disagreed with your manager/i,
      /improved a process/i,
    ]) {
      expect(texts, String(topic)).toMatch(topic);
    }
  });

  it('writes sample answers as first-person stories', () => {
    for (const q of pack.questions) expect(q.sampleAnswer, q.id).toMatch(/\bI\b/);
  });
});
