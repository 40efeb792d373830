import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

describe('starcoach grade tells what it removed without claiming to save the answer', () => {
  it('says "before grading it"', async () => {
    const run = await runCli([
      'grade',
      '--pack',
      'medical-coding',
      '--question',
      'chest-pain-unspecified',
      '--answer',
      'For Patient Ann Lee, DOB 14-Mar-1962, I would assign R07.9 because only chest pain is documented.',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('I removed a name and a date of birth from your answer before grading it.');
    expect(run.stderr).not.toContain('before saving it');
    expect(run.stdout).not.toContain('Ann Lee');
  });
});
