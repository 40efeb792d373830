import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Coach, Logger } from '../../src/index.ts';
import type { SlackInstallations } from './installation-store.ts';
import { tenantOf } from './to-event.ts';

export interface LifecycleDeps {
  coach: Coach;
  logger: Logger;
  /** Null in single-workspace mode (SLACK_BOT_TOKEN): no installs to forget. */
  installations: SlackInstallations | null;
  track: (work: () => Promise<void>) => Promise<void>;
}

type Reason = 'uninstalled' | 'tokens-revoked';
type TokensRevokedArgs = SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs;

/**
 * The app leaving a workspace: uninstalled, or its bot token revoked. Slack sends both without a token
 * to authorize with (Bolt skips authorize for them), so they work after the installation is gone.
 */
export function registerLifecycle(app: App, deps: LifecycleDeps): void {
  app.event('app_uninstalled', ({ context }) =>
    deps.track(() => removed(deps, tenantOf(context), 'uninstalled')),
  );
  app.event('tokens_revoked', ({ event, context }: TokensRevokedArgs) => {
    // A user token revoked leaves the bot working; only the bot's own token matters here.
    if (!event.tokens.bot?.length) return Promise.resolve();
    return deps.track(() => removed(deps, tenantOf(context), 'tokens-revoked'));
  });
}

/**
 * Forgets the installation (so no stale token is used again) and has the coach schedule the deletion
 * of the workspace's data; installing again within the retention period calls it off.
 */
async function removed(deps: LifecycleDeps, tenant: string, reason: Reason) {
  if (!deps.installations) {
    // One fixed token: the operator removes SLACK_BOT_TOKEN; a reinstall would bring a new one anyway.
    deps.logger.warn('slack-app-removed', { tenant, reason, hint: 'remove or replace SLACK_BOT_TOKEN' });
    return;
  }
  await deps.installations.remove(tenant);
  await deps.coach.tenantRemoved('slack', tenant, reason);
}
