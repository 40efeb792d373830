import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAIServer } from '../fakes/openai-server.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'starcoach-cli-llm-'));
let fake: FakeOpenAIServer;

const modelGrade = {
  score: 4,
  star: null,
  evidence: [{ for: 'Codes what is documented: R07.9', quote: 'I would assign R07.9' }],
  coveredPoints: ['Codes what is documented: R07.9'],
  missingPoints: [],
  redFlags: [],
  followUp: null,
  feedback: 'Solid: you coded only what the note supports and named the query.',
};

beforeAll(async () => {
  fake = await FakeOpenAIServer.start();
  fake.setDefault({ content: modelGrade });
});
afterAll(async () => {
  await fake.close();
});

describe('starcoach with an OpenAI-compatible server', () => {
  it('grade --llm reports source llm and token usage', async () => {
    const run = await runCli(
      [
        'grade',
        '--pack',
        'medical-coding',
        '--question',
        'chest-pain-unspecified',
        '--answer',
        'Patient DOB 04/02/1971. I would assign R07.9 because only chest pain is documented, and query the physician.',
        '--llm',
        '--json',
      ],
      {
        env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, STARCOACH_STORE_URL: 'memory://' },
      },
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.source).toBe('llm');
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.feedback).toContain('Solid');
    expect(fake.requests.map((request) => JSON.stringify(request.body)).join('\n')).not.toContain(
      '04/02/1971',
    );
  });

  it('grade --llm without a key says how to turn it on and grades offline', async () => {
    const run = await runCli(
      [
        'grade',
        '--pack',
        'medical-coding',
        '--question',
        'chest-pain-unspecified',
        '--answer',
        'R07.9, then a query.',
        '--llm',
        '--json',
      ],
      { env: { OPENAI_API_KEY: '', STARCOACH_STORE_URL: 'memory://' } },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 'offline', usage: null });
    expect(run.stderr).toContain('no OPENAI_API_KEY');
  });

  it('practice streams LLM feedback into the terminal and falls back when the server fails', async () => {
    fake.enqueue(
      { status: 500, body: { error: { message: 'down' } } },
      { status: 500, body: {} },
      { status: 500, body: {} },
    );
    const env = {
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.baseURL,
      STARCOACH_LLM_TIMEOUT_MS: '400',
      STARCOACH_STORE_URL: `sqlite://${join(dir, 'llm.sqlite')}`,
    };
    const input =
      'I would assign R07.9 and send a non-leading query.\nI would assign R07.9 because it is documented.\n';
    const run = await runCli(
      ['practice', '--pack', 'medical-coding', '--kind', 'technical', '--count', '2'],
      { input, env },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The AI grader was unavailable');
    expect(run.stdout).toContain('Solid: you coded only what the note supports');
    expect(run.stdout).toContain('Summary');
    expect(run.stderr).not.toContain('no OPENAI_API_KEY');
  });
});
