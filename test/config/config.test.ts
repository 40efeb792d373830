import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { parseStoreUrl } from '../../src/store/store-url.ts';

describe('loadConfig', () => {
  it('uses embedded defaults with an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.storeUrl).toBe('sqlite://./data/starcoach.sqlite');
    expect(config.storePrefix).toBe('starcoach');
    expect(config.defaultPackId).toBe('medical-coding');
    expect(config.noColor).toBe(false);
    expect(config.llm).toBeNull();
  });

  it('turns LLM feedback on with a key and reads its settings', () => {
    const config = loadConfig(
      {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
        STARCOACH_LLM_TIMEOUT_MS: '5000',
        STARCOACH_DAILY_TOKEN_BUDGET: '20000',
        NO_COLOR: '1',
      },
      '/',
    );
    expect(config.llm).toEqual({
      apiKey: 'sk-test',
      baseURL: 'http://127.0.0.1:11434/v1',
      model: undefined,
      timeoutMs: 5000,
      dailyTokenBudget: 20000,
    });
    expect(config.noColor).toBe(true);
  });

  it('takes a store prefix that can name tables and keys, and refuses one that cannot', () => {
    expect(loadConfig({ STARCOACH_STORE_PREFIX: 'bot_2' }, '/').storePrefix).toBe('bot_2');
    expect(() => loadConfig({ STARCOACH_STORE_PREFIX: 'bot-2; drop' }, '/')).toThrow(
      /STARCOACH_STORE_PREFIX/,
    );
  });

  it('reads the store connect timeout, 5 s by default, and refuses one that is not milliseconds', () => {
    expect(loadConfig({}, '/').storeConnectTimeoutMs).toBe(5000);
    expect(loadConfig({ STARCOACH_STORE_CONNECT_TIMEOUT_MS: '1500' }, '/').storeConnectTimeoutMs).toBe(1500);
    expect(() => loadConfig({ STARCOACH_STORE_CONNECT_TIMEOUT_MS: '5s' }, '/')).toThrow(
      /STARCOACH_STORE_CONNECT_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ STARCOACH_STORE_CONNECT_TIMEOUT_MS: '10' }, '/')).toThrow(/at least 100/);
  });

  it('names the variable and never echoes its value when it is wrong', () => {
    const attempt = () =>
      loadConfig({ STARCOACH_LLM_TIMEOUT_MS: 'soon', OPENAI_BASE_URL: 'not a url sk-secret' }, '/');
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).toMatch(/STARCOACH_LLM_TIMEOUT_MS/);
      expect((error as Error).message).toMatch(/OPENAI_BASE_URL: must be a URL/);
      expect((error as Error).message).not.toContain('sk-secret');
    }
  });
});

describe('parseStoreUrl', () => {
  it('resolves a relative SQLite path against the working directory, not the filesystem root', () => {
    expect(parseStoreUrl('sqlite://./data/x.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      path: '/srv/app/data/x.sqlite',
    });
    expect(parseStoreUrl('sqlite:///var/lib/x.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/x.sqlite',
    });
  });

  it('accepts redis, postgres and memory, and explains anything else', () => {
    expect(parseStoreUrl('redis://127.0.0.1:6379', '/').kind).toBe('redis');
    expect(parseStoreUrl('postgresql://u@h/db', '/').kind).toBe('postgres');
    expect(parseStoreUrl('memory://', '/').kind).toBe('memory');
    expect(() => parseStoreUrl('mysql://h/db', '/')).toThrow(
      /unsupported value \(scheme "mysql"\).*sqlite:\/\/PATH/,
    );
  });
});

describe('web dashboard settings', () => {
  it('is off without a secret, on port 3000, with links to localhost', () => {
    expect(loadConfig({}, '/').web).toEqual({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      publicUrlSet: false,
      secret: null,
      trustProxy: false,
    });
  });

  it('takes STARCOACH_HTTP_PORT over the older PORT, and the public URL without a trailing slash', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        STARCOACH_HTTP_PORT: '4000',
        STARCOACH_PUBLIC_URL: 'https://coach.example.org/',
        STARCOACH_WEB_SECRET: 'x'.repeat(32),
        STARCOACH_TRUST_PROXY: '1',
        SLACK_BOT_TOKEN: 'xoxb-1',
      },
      '/',
    );
    expect(config.web).toMatchObject({
      port: 4000,
      publicUrl: 'https://coach.example.org',
      publicUrlSet: true,
      trustProxy: true,
    });
    expect(config.slack?.port).toBe(4000);
    expect(loadConfig({ PORT: '8080' }, '/').web.port).toBe(8080);
  });

  it('refuses a short secret and a public URL that is not http(s), never echoing the secret', () => {
    let message = '';
    try {
      loadConfig({ STARCOACH_WEB_SECRET: 'hunter2' }, '/');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /STARCOACH_WEB_SECRET: must be at least 32 characters; make one with: openssl rand -hex 32/,
    );
    expect(message).not.toContain('hunter2');
    expect(() => loadConfig({ STARCOACH_PUBLIC_URL: 'ftp://coach.example.org' }, '/')).toThrow(
      /STARCOACH_PUBLIC_URL: must be a URL like https:\/\/coach.example.org/,
    );
    expect(() => loadConfig({ STARCOACH_HTTP_PORT: '70000' }, '/')).toThrow(/STARCOACH_HTTP_PORT/);
  });
});

describe('voice answer settings', () => {
  it('turns transcription on with the LLM key and endpoint, with its model and limit', () => {
    expect(loadConfig({}, '/srv').voice).toEqual({
      transcription: null,
      transcribeModel: 'gpt-4o-mini-transcribe',
      maxAudioSeconds: 300,
      timeoutMs: 20_000,
    });
    const config = loadConfig(
      {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1',
        STARCOACH_TRANSCRIBE_MODEL: 'Systran/faster-whisper-small',
        STARCOACH_MAX_AUDIO_SECONDS: '120',
      },
      '/srv',
    );
    expect(config.voice).toMatchObject({
      transcription: { apiKey: 'sk-test', baseURL: 'http://127.0.0.1:8000/v1' },
      transcribeModel: 'Systran/faster-whisper-small',
      maxAudioSeconds: 120,
    });
  });

  it('sends speech to a server of its own when STARCOACH_TRANSCRIBE_BASE_URL is set, even without LLM grading', () => {
    const config = loadConfig({ STARCOACH_TRANSCRIBE_BASE_URL: 'http://127.0.0.1:8080/v1' }, '/srv');
    expect(config.llm).toBeNull();
    expect(config.voice.transcription).toEqual({ apiKey: 'none', baseURL: 'http://127.0.0.1:8080/v1' });
  });

  it('refuses a length limit that is not whole seconds between 5 and 3600', () => {
    for (const bad of ['2', '7200', '1.5', 'ten']) {
      expect(() => loadConfig({ STARCOACH_MAX_AUDIO_SECONDS: bad }, '/srv')).toThrow(
        /STARCOACH_MAX_AUDIO_SECONDS/,
      );
    }
  });
});
