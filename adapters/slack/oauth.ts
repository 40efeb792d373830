import type { ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, Installation, webApi } from '@slack/bolt';
import type { InstallationRecords, Logger } from '../../src/index.ts';
import type { SlackInstallations } from './installation-store.ts';

/** The bot scopes of slack-app-manifest.yml: an OAuth install asks for exactly what the manifest lists. */
export const botScopes = [
  'commands',
  'chat:write',
  'channels:join',
  'users:read',
  'files:write',
  'im:write',
  'mpim:write',
  'files:read',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
] as const;

export const installPath = '/slack/install';
export const redirectPath = '/slack/oauth_redirect';

/** One app installed in many workspaces: the app's credentials and where installs are kept. */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the install's state (at least 32 characters). */
  stateSecret: string;
  /** The shared store's installations (`CoachStore.installations`). */
  installations: InstallationRecords;
  /**
   * The redirect URL registered with the app (https://HOST/slack/oauth_redirect). Unset: Slack uses
   * the one registered, which works while there is exactly one.
   */
  redirectUri?: string;
}

/**
 * Bolt's receiver options for OAuth: the install page at /slack/install, Slack's redirect at
 * /slack/oauth_redirect, state signed and tied to the browser by a cookie. Against another Web API
 * (GovSlack, a test fake) the authorize page is on that API's host.
 */
export function oauthReceiverOptions(
  oauth: SlackOAuthOptions,
  installations: SlackInstallations,
  clientOptions: webApi.WebClientOptions,
  logger: Logger,
  apiUrl: string | undefined,
): Partial<HTTPReceiverOptions> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...botScopes],
    installationStore: installations,
    ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
    installerOptions: {
      installPath,
      redirectUriPath: redirectPath,
      directInstall: false,
      clientOptions,
      ...(apiUrl ? { authorizationUrl: new URL('/oauth/v2/authorize', apiUrl).toString() } : {}),
      renderHtmlForInstallPath: installPage,
      callbackOptions: {
        success: (installation, _options, _request, response) => installedPage(installation, response),
        failure: (error, _options, _request, response) => {
          logger.warn('slack-install-failed', { code: error.code });
          failedPage(error.code, response);
        },
      },
    },
  };
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}a.button{display:inline-block;padding:.6rem 1.2rem;background:#4a154b;color:#fff;border-radius:.4rem;text-decoration:none}</style>
</head><body>${body}</body></html>`;
}

function installPage(url: string): string {
  return page(
    'Add starcoach to Slack',
    `<h1>Add starcoach to your Slack workspace</h1>
<p>starcoach runs interview practice sessions and daily drills in Slack. Installing it needs a workspace admin's approval in some workspaces.</p>
<p><a class="button" href="${escapeHtml(url)}">Add to Slack</a></p>`,
  );
}

function installedPage(installation: Installation, response: ServerResponse) {
  const name = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(
    page(
      'starcoach is installed',
      `<h1>starcoach is installed in ${escapeHtml(name)}</h1>
<p>Next: invite it to a channel with <code>/invite @starcoach</code>, then type <code>/coach</code> there to start a practice session. Admins set up daily drills with <code>/coach config</code>.</p>
<p>You can close this page.</p>`,
    ),
  );
}

/** The browser's request was at fault (a stale link, a cancel), not Slack or this server. */
const browserFaults = new Set([
  'slack_oauth_missing_state',
  'slack_oauth_invalid_state',
  'slack_oauth_missing_code',
  'slack_oauth_installer_authorization_error',
]);

/** Why the install stopped, in words a person acts on; Bolt's codes are not for them. */
function failureText(code: string): string {
  switch (code) {
    case 'slack_oauth_missing_state':
    case 'slack_oauth_invalid_state':
      return 'The install link expired or was opened in another browser. Start again from the install page, in one browser, within ten minutes.';
    case 'slack_oauth_missing_code':
      return 'Slack did not send the install code back. Start again from the install page.';
    case 'slack_oauth_installer_authorization_error':
      return 'The install was cancelled in Slack. Start again from the install page when you are ready.';
    default:
      return 'Slack did not complete the install. Try again in a minute; if it keeps failing, ask the person who runs starcoach to check its logs.';
  }
}

function failedPage(code: string, response: ServerResponse) {
  const status = browserFaults.has(code) ? 400 : 500;
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(
    page(
      'starcoach was not installed',
      `<h1>starcoach was not installed</h1>
<p>${failureText(code)}</p>
<p><a class="button" href="${installPath}">Back to the install page</a></p>`,
    ),
  );
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}
