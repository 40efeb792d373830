import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-cli-'));
const env = { STARCOACH_STORE_URL: `sqlite://${join(dir, 'state.sqlite')}`, STARCOACH_USER: 'tester' };
const ansi = /\x1b\[/;

describe('starcoach CLI (child process, stdin closed)', () => {
  it('prints help for the program and for each command', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    for (const name of ['practice', 'questions', 'grade', 'progress', 'forget', 'pack validate']) {
      expect(main.stdout).toContain(name);
    }
    const grade = await runCli(['grade', '--help']);
    expect(grade.code).toBe(0);
    expect(grade.stdout).toContain('--batch FILE.jsonl');
  });

  it('exits 2 with a clear message on an unknown flag, command or pack', async () => {
    const flag = await runCli(['questions', '--pack', 'medical-coding', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--colour.*starcoach questions --help/s);
    const command = await runCli(['quiz']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Unknown command "quiz"');
    const pack = await runCli(['questions', '--pack', 'astronaut']);
    expect(pack.code).toBe(2);
    expect(pack.stderr).toMatch(/no pack called "astronaut".*medical-coding/);
  });

  it('lists questions as JSON', async () => {
    const run = await runCli(['questions', '--pack', 'medical-coding', '--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(rows[0]!).sort()).toEqual(['id', 'kind', 'level', 'text']);
  });

  it('grades one answer as JSON with every field, notices on stderr only', async () => {
    const run = await runCli([
      'grade',
      '--pack',
      'medical-coding',
      '--question',
      'chest-pain-unspecified',
      '--answer',
      'For MRN 448812 I would assign R07.9 because only chest pain is documented, and I would send the physician a non-leading query.',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    for (const field of [
      'score',
      'star',
      'evidence',
      'coveredPoints',
      'missingPoints',
      'redFlags',
      'followUp',
      'feedback',
      'source',
      'usage',
    ]) {
      expect(result).toHaveProperty(field);
    }
    expect(Number.isInteger(result.score)).toBe(true);
    expect(result.star).toBeNull();
    expect(result.source).toBe('offline');
    expect(JSON.stringify(result)).not.toContain('448812');
    expect(run.stderr).toMatch(/removed an MRN/i);
  });

  it('grades a batch in order; a bad line gives {question, error} and exit 1', async () => {
    const batch = join(dir, 'batch.jsonl');
    writeFileSync(
      batch,
      [
        JSON.stringify({
          question: 'chest-pain-unspecified',
          answer: 'I code R07.9 and query the physician.',
        }),
        '{not json',
        JSON.stringify({ question: 'no-such-question', answer: 'Anything.' }),
        JSON.stringify({
          question: 'upcoding-compliance',
          answer: 'Upcoding bills a higher level than documented.',
        }),
      ].join('\n'),
    );
    const run = await runCli(['grade', '--pack', 'medical-coding', '--batch', batch, '--json']);
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.question)).toEqual([
      'chest-pain-unspecified',
      null,
      'no-such-question',
      'upcoding-compliance',
    ]);
    expect(lines[1].error).toMatch(/line 2: not valid JSON/);
    expect(lines[2].error).toMatch(/no question "no-such-question"/);
    expect(lines[3].score).toBeGreaterThanOrEqual(1);
  });

  it('exits 2 when the answer file is missing', async () => {
    const run = await runCli([
      'grade',
      '--pack',
      'medical-coding',
      '--question',
      'chest-pain-unspecified',
      '--answer-file',
      join(dir, 'missing.txt'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read .*missing\.txt/);
  });

  it('practises from piped lines, without colour, and ends with a summary at end of input', async () => {
    const input = [
      'I would code R07.9 because chest pain is all that is documented.',
      'I would send a non-leading query to the physician asking whether a more specific diagnosis can be documented.',
      '/skip',
      '',
    ].join('\n');
    const run = await runCli(
      ['practice', '--pack', 'medical-coding', '--kind', 'technical', '--count', '3'],
      { input, env },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Q1/3');
    expect(run.stdout).toMatch(/Score \d\/5/);
    expect(run.stdout).toContain('Summary');
    expect(run.stdout).not.toMatch(ansi);

    const progress = await runCli(['progress', '--json'], { env });
    expect(progress.code).toBe(0);
    expect(JSON.parse(progress.stdout).answered).toBeGreaterThanOrEqual(1);
  });

  it('needs --yes to forget without a terminal, then deletes', async () => {
    const refused = await runCli(['forget'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const done = await runCli(['forget', '--yes'], { env });
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Deleted all your data/);
    const progress = await runCli(['progress', '--json'], { env });
    expect(JSON.parse(progress.stdout).answered).toBe(0);
  });

  it('validates a pack file and explains what is wrong', async () => {
    const bad = join(dir, 'bad-pack.json');
    writeFileSync(
      bad,
      JSON.stringify({
        id: 'bad',
        roleTitle: 'Bad',
        description: 'x',
        prepTips: [],
        questions: [
          {
            id: 'q-one',
            kind: 'riddle',
            level: 'mid',
            competencies: ['a'],
            text: 't',
            checking: 'c',
            keyPoints: [],
            redFlags: [],
            sampleAnswer: 's',
          },
        ],
      }),
    );
    const run = await runCli(['pack', 'validate', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad-pack.json');
    expect(run.stderr).toMatch(/question "q-one", field questions\.0\.kind/);
    expect(run.stderr).toMatch(/field questions\.0\.keyPoints: list the key points/);
    const good = await runCli([
      'pack',
      'validate',
      new URL('../../content/medical-coding.json', import.meta.url).pathname,
    ]);
    expect(good.code).toBe(0);
  });
});
