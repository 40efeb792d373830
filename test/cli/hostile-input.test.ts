import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxAnswerLength } from '../../src/core/answer-limits.ts';
import { messages } from '../../src/core/messages.ts';
import { runCliInProcess as runCli } from '../support/run-cli-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-hostile-'));
const env = { STARCOACH_STORE_URL: `sqlite://${join(dir, 'state.sqlite')}`, STARCOACH_USER: 'hostile' };

/** What a terminal would act on: ESC, the C1 controls, and C0 controls other than newline and tab. */
const control = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const attack = 'clear\x1b[2J title\x1b]0;pwned\x07 dcs\x1bP1$r\x1b\\ csi8\x9b31m c1\x85 bell\x07 cr\r';
const answer = `I would code R07.9 ${attack} and send the physician a non-leading query.`;

function hostilePack(): string {
  const packs = join(dir, 'packs');
  mkdirSync(packs, { recursive: true });
  const base = JSON.parse(
    readFileSync(new URL('../../content/medical-coding.json', import.meta.url), 'utf8'),
  ) as { id: string; roleTitle: string; questions: { text: string }[] };
  base.id = 'hostile';
  base.roleTitle = `Hostile\x1b]0;title\x07 pack`;
  base.questions[0]!.text = `${base.questions[0]!.text} \x1b[2J\x9b2J\x1b]8;;http://x\x07`;
  writeFileSync(join(packs, 'hostile.json'), JSON.stringify(base));
  return packs;
}

describe('control sequences never reach the terminal', () => {
  it('practice: an answer quoted back in the feedback is neutralised', async () => {
    const run = await runCli(
      ['practice', '--pack', 'medical-coding', '--count', '1', '--kind', 'technical'],
      {
        input: `${answer}\n`,
        env,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Score \d\/5/);
    expect(run.stdout).not.toMatch(control);
    expect(run.stdout).not.toContain('pwned');
  });

  it('grade: human and JSON output carry no control characters; JSON parses back', async () => {
    const args = ['grade', '--pack', 'medical-coding', '--question', 'chest-pain-unspecified'];
    const human = await runCli([...args, '--answer', answer]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Score \d\/5/);
    expect(human.stdout).not.toMatch(control);
    const json = await runCli([...args, '--answer', answer, '--json']);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(control);
    expect(JSON.parse(json.stdout).score).toBeGreaterThanOrEqual(1);
  });

  it('grade --batch: hostile question ids in error results are neutralised', async () => {
    const batch = join(dir, 'hostile.jsonl');
    writeFileSync(
      batch,
      `${JSON.stringify({ question: 'nope\x1b[2J\x9b1m', answer: 'Anything at all.' })}\n`,
    );
    const human = await runCli(['grade', '--pack', 'medical-coding', '--batch', batch]);
    expect(human.stdout).toContain('nope');
    expect(human.stdout).not.toMatch(control);
    const json = await runCli(['grade', '--pack', 'medical-coding', '--batch', batch, '--json']);
    expect(json.stdout).not.toMatch(control);
    expect(JSON.parse(json.stdout).question).toBe('nope\x1b[2J\x9b1m');
  });

  it('questions: a pack with control sequences in its text is listed without them', async () => {
    const packEnv = { ...env, STARCOACH_PACKS_DIR: hostilePack() };
    const human = await runCli(['questions', '--pack', 'hostile'], { env: packEnv });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Hostile pack');
    expect(human.stdout).not.toMatch(control);
    const json = await runCli(['questions', '--pack', 'hostile', '--json'], { env: packEnv });
    expect(json.stdout).not.toMatch(control);
    expect(JSON.parse(json.stdout)[0].text).toContain('\x9b2J');
    const practice = await runCli(['practice', '--pack', 'hostile', '--count', '36'], {
      input: '/end\n',
      env: packEnv,
    });
    expect(practice.stdout).toContain('Q1/');
    expect(practice.stdout).not.toMatch(control);
  });

  it('progress: what a record holds is shown without control characters', async () => {
    const run = await runCli(['progress'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sessions:');
    expect(run.stdout).not.toMatch(control);
  });
});

describe('one answer limit for every way in', () => {
  const grade = ['grade', '--pack', 'medical-coding', '--question', 'chest-pain-unspecified'];
  const long = `I would code R07.9 and query. ${'More words here. '.repeat(600)}`.trim();
  const tooLong = messages.answerTooLong(maxAnswerLength, long.length);

  it('grade --answer and --answer-file refuse an answer practice refuses, with the same message', async () => {
    const byFlag = await runCli([...grade, '--answer', long]);
    expect(byFlag.code).toBe(2);
    expect(byFlag.stderr).toContain(tooLong);
    const file = join(dir, 'megabyte.txt');
    writeFileSync(file, 'x '.repeat(500_000));
    const byFile = await runCli([...grade, '--answer-file', file]);
    expect(byFile.code).toBe(2);
    expect(byFile.stderr).toContain(
      messages.answerTooLong(maxAnswerLength, 'x '.repeat(500_000).trim().length),
    );
    const practice = await runCli(['practice', '--pack', 'medical-coding', '--count', '1'], {
      input: `${long}\n`,
      env,
    });
    expect(practice.stdout).toContain(tooLong);
  });

  it('grade --answer-file: a byte-order mark is fine; bytes that are not UTF-8, or binary, are refused', async () => {
    const bom = join(dir, 'bom.txt');
    writeFileSync(bom, `\ufeffI would code R07.9 and send the physician a non-leading query.`);
    const graded = await runCli([...grade, '--answer-file', bom, '--json']);
    expect(graded.code).toBe(0);
    expect(JSON.parse(graded.stdout).score).toBeGreaterThanOrEqual(1);

    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('I would code R07.9 for the na\xefve patient', 'latin1'));
    const notUtf8 = await runCli([...grade, '--answer-file', latin1]);
    expect(notUtf8.code).toBe(2);
    expect(notUtf8.stderr).toContain(`--answer-file ${latin1}: ${messages.answerNotUtf8()}`);

    const binary = join(dir, 'binary.bin');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x41, 0x42]));
    const notText = await runCli([...grade, '--answer-file', binary]);
    expect(notText.code).toBe(2);
    expect(notText.stderr).toContain(messages.answerNotText());
  });

  it('grade --batch: a BOM on line 1 is fine; a bad line gets its own error and the rest go on, in order', async () => {
    const batch = join(dir, 'limits.jsonl');
    const good = (question: string) =>
      JSON.stringify({ question, answer: 'I code R07.9 and query the physician.' });
    writeFileSync(
      batch,
      Buffer.concat([
        Buffer.from(`\ufeff${good('chest-pain-unspecified')}\n`),
        Buffer.from(`${JSON.stringify({ question: 'upcoding-compliance', answer: long })}\n`),
        Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
        Buffer.from(`${JSON.stringify({ question: 'upcoding-compliance', answer: 'a\u0000b\u0000c' })}\n`),
        Buffer.from(`${good('upcoding-compliance')}\n`),
      ]),
    );
    const run = await runCli(['grade', '--pack', 'medical-coding', '--batch', batch, '--json']);
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0].score).toBeGreaterThanOrEqual(1);
    expect(lines[1]).toEqual({ question: 'upcoding-compliance', error: `line 2: ${tooLong}` });
    expect(lines[2]).toEqual({ question: null, error: `line 3: ${messages.answerNotUtf8()}` });
    expect(lines[3].error).toBe(`line 4: ${messages.answerNotText()}`);
    expect(lines[4].score).toBeGreaterThanOrEqual(1);
  });
});

describe('error messages echo what was typed without its control sequences', () => {
  it('an unknown pack, command or flag value', async () => {
    for (const args of [
      ['questions', '--pack', 'x\x1b]0;pwned\x07\x1b[2J'],
      ['quiz\x1b[2J'],
      ['practice', '--kind', 'tech\x1b[31m'],
      ['practice', '--count', '3\x1b[2J'],
    ]) {
      const run = await runCli(args, { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^starcoach: /);
      expect(run.stderr).not.toMatch(control);
    }
  });

  it('pack validate: a pack whose id holds control sequences', async () => {
    const file = join(dir, 'escape-id.json');
    const base = JSON.parse(
      readFileSync(new URL('../../content/medical-coding.json', import.meta.url), 'utf8'),
    );
    base.id = 'esc\x1b[2J';
    base.questions[0].kind = 'riddle\x1b]0;pwned\x07';
    writeFileSync(file, JSON.stringify(base));
    const run = await runCli(['pack', 'validate', file]);
    expect(run.stderr + run.stdout).not.toMatch(control);
    expect(run.stderr + run.stdout).toContain('escape-id.json');
  });
});
