import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';

const trio = {
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'client-secret-value',
  SLACK_STATE_SECRET: 'state-secret-state-secret-state-secret',
};

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('Slack for many workspaces (OAuth)', () => {
  it('turns Slack on with the three OAuth variables and no bot token', () => {
    const config = loadConfig({ ...trio, SLACK_SIGNING_SECRET: 'signing' }, '/');
    expect(config.slack).toMatchObject({
      botToken: undefined,
      signingSecret: 'signing',
      oauth: {
        clientId: '123.456',
        clientSecret: 'client-secret-value',
        stateSecret: trio.SLACK_STATE_SECRET,
      },
    });
  });

  it('keeps one workspace on SLACK_BOT_TOKEN as before, without OAuth', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, '/').slack).toMatchObject({
      botToken: 'xoxb-1',
      oauth: null,
    });
  });

  it('names the missing variable when only some are set, never echoing a secret', () => {
    const error = failure({ SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 'client-secret-value' });
    expect(error.code).toBe('SLACK_OAUTH_INCOMPLETE');
    expect(error.message).toMatch(
      /SLACK_STATE_SECRET: required with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET/,
    );
    expect(error.message).not.toContain('client-secret-value');
    expect(failure({ SLACK_STATE_SECRET: trio.SLACK_STATE_SECRET }).message).toMatch(
      /SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: required with SLACK_STATE_SECRET/,
    );
  });

  it('refuses a short state secret, saying how to make one', () => {
    expect(failure({ ...trio, SLACK_STATE_SECRET: 'short' }).message).toMatch(
      /SLACK_STATE_SECRET: must be at least 32 characters; make one with: openssl rand -hex 32/,
    );
  });

  it('refuses a bot token beside the OAuth variables: each workspace brings its own', () => {
    const error = failure({ ...trio, SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(error.code).toBe('SLACK_MODE_AMBIGUOUS');
    expect(error.message).toMatch(/SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID/);
  });
});
