import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

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
