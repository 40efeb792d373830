import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFile, loadPacks, parsePack } from '../../src/content/load-pack.ts';
import { packJsonSchema } from '../../src/content/write-json-schema.ts';
import { ConfigError, PackError } from '../../src/errors.ts';
import { miniPack } from '../support/core-harness.ts';

function issuesOf(data: unknown): string[] {
  try {
    parsePack('packs/broken.json', data);
  } catch (error) {
    if (error instanceof PackError) return error.issues;
    throw error;
  }
  throw new Error('expected the pack to be invalid');
}

describe('pack validation', () => {
  it('names the question id, the field and what is wrong', () => {
    const broken = structuredClone(miniPack) as Record<string, unknown> & {
      questions: Record<string, unknown>[];
    };
    broken.questions[1]!.level = 'principal';
    broken.questions[2]!.redFlags = [];
    const issues = issuesOf(broken);
    expect(issues).toContainEqual(
      expect.stringMatching(/^question "error-caught", field questions\.1\.level: .*junior.*mid.*senior/),
    );
    expect(issues).toContainEqual(
      'question "upcoding", field questions.2.redFlags: list at least one red flag',
    );
  });

  it('rejects duplicate question ids and unknown fields', () => {
    const duplicated = {
      ...miniPack,
      questions: [miniPack.questions[0], { ...miniPack.questions[0], extra: true }],
    };
    const issues = issuesOf(duplicated);
    expect(issues.join('\n')).toMatch(/duplicate question id "chest-pain"/);
    expect(issues.join('\n')).toMatch(/Unrecognized key.*extra/);
  });

  it('puts the file name in the error and reports invalid JSON and missing files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-pack-'));
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{ "id": ');
    expect(() => loadPackFile(path)).toThrow(/bad\.json is not a valid question pack:\n {2}- not valid JSON/);
    expect(() => loadPackFile(join(dir, 'absent.json'))).toThrow(ConfigError);
  });

  it('loads the built-in packs, which are self-contained and valid', () => {
    const packs = loadPacks();
    expect([...packs.keys()].sort()).toEqual(['behavioral-core', 'medical-coding']);
  });

  it('keeps content/pack.schema.json in step with the zod schema', async () => {
    const { readFileSync } = await import('node:fs');
    const committed = readFileSync(new URL('../../content/pack.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(packJsonSchema());
  });
});
