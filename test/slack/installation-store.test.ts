import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackInstallations,
  type SlackInstallations,
} from '../../adapters/slack/installation-store.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import type { LogEntry } from './harness.ts';

const clock = new ManualClock();
let store: CoachStore;
let installations: SlackInstallations;
const logs: LogEntry[] = [];
const installed: string[] = [];

const teamInstall: Installation = {
  team: { id: 'T1', name: 'Acme' },
  enterprise: undefined,
  isEnterpriseInstall: false,
  user: { id: 'U-admin', token: undefined, scopes: undefined },
  bot: { token: 'xoxb-team', userId: 'UBOT1', id: 'B1', scopes: ['chat:write'] },
  authVersion: 'v2',
};
const orgInstall: Installation = {
  team: undefined,
  enterprise: { id: 'E1', name: 'Acme Org' },
  isEnterpriseInstall: true,
  user: { id: 'U-admin', token: undefined, scopes: undefined },
  bot: { token: 'xoxb-org', userId: 'UBOTE', id: 'BE', scopes: ['chat:write'] },
  authVersion: 'v2',
};

beforeAll(async () => {
  store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock, prefix: 'slack-installs' });
  installations = createSlackInstallations({
    records: store.installations,
    clock,
    logger: {
      warn: (event, fields) => logs.push({ level: 'warn', event, fields }),
      error: (event, fields) => logs.push({ level: 'error', event, fields }),
    },
    onInstalled: async (tenant) => {
      installed.push(tenant);
    },
  });
});
afterAll(async () => {
  await store.close();
});

describe('Slack installations on the shared store', () => {
  it('keeps a workspace install under its team and an org-wide install under its org', async () => {
    await installations.storeInstallation(teamInstall);
    await installations.storeInstallation(orgInstall);
    expect(installed).toEqual(['T1', 'E1']);
    expect(await store.installations.get('slack', 'T1')).toMatchObject({ bot: { token: 'xoxb-team' } });
    expect(await store.installations.get('slack', 'E1')).toMatchObject({ bot: { token: 'xoxb-org' } });
  });

  it('answers Bolt for a team, and for any workspace of an org-wide install', async () => {
    const team = await installations.fetchInstallation({
      teamId: 'T1',
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    expect(team.bot?.token).toBe('xoxb-team');
    const inOrg = await installations.fetchInstallation({
      teamId: 'T77',
      enterpriseId: 'E1',
      isEnterpriseInstall: true,
    });
    expect(inOrg.bot?.token).toBe('xoxb-org');
    expect(await installations.botToken('E1')).toBe('xoxb-org');
  });

  it('refuses a workspace with no install, logging its id and never a token', async () => {
    await expect(
      installations.fetchInstallation({
        teamId: 'T404',
        isEnterpriseInstall: false,
        enterpriseId: undefined,
      }),
    ).rejects.toMatchObject({ code: 'SLACK_NOT_INSTALLED' });
    expect(await installations.botToken('T404')).toBeNull();
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'slack-workspace-not-installed',
        fields: expect.objectContaining({ tenant: 'T404' }),
      }),
    );
    expect(JSON.stringify(logs)).not.toContain('xoxb-');
  });

  it('sees another instance’s uninstall once its short memory runs out, and its own at once', async () => {
    await store.installations.delete('slack', 'T1');
    expect(await installations.botToken('T1')).toBe('xoxb-team');
    clock.advance(31_000);
    expect(await installations.botToken('T1')).toBeNull();
    await installations.deleteInstallation?.({
      enterpriseId: 'E1',
      teamId: 'T77',
      isEnterpriseInstall: true,
    });
    expect(await installations.botToken('E1')).toBeNull();
    expect(await store.installations.get('slack', 'E1')).toBeUndefined();
  });
});
