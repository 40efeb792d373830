import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/config.ts';

const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const listed = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

describe('.env.example', () => {
  it('lists every variable starcoach reads, each once, with a comment above it or its section', () => {
    // CI is the test runner's, not an operator's.
    const read = Object.keys(configSchema.shape).filter((name) => name !== 'CI');
    expect([...listed].sort()).toEqual([...read].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('is a working configuration as it stands: the embedded defaults', () => {
    const values = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]),
    );
    const config = loadConfig(values, '/srv/app');
    expect(config).toMatchObject({
      llm: null,
      slack: null,
      discord: null,
      storeUrl: 'sqlite://./data/starcoach.sqlite',
    });
    expect(config.voice.transcription).toBeNull();
    expect(config.web.secret).toBeNull();
  });
});
