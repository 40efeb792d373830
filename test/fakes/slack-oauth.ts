import type { ServerResponse } from 'node:http';

/** A workspace that can install the app in the fake: its bot's token and ids as Slack would issue them. */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** An org-wide (Enterprise Grid) install: the installation belongs to this org, not to a team. */
  enterpriseId?: string;
}

/** One visit to the authorize page, as the browser made it. */
export interface AuthorizeVisit {
  clientId: string | null;
  scope: string | null;
  state: string | null;
  redirectUri: string | null;
}

/**
 * Slack's side of an OAuth install: the authorize page (the admin picks `installing` and approves, or
 * cancels), `oauth.v2.access` exchanging the code for that workspace's bot token, and `auth.test` per
 * token. Codes are used once; a revoked token is refused by every method.
 */
export class FakeSlackOAuth {
  readonly client = { id: 'client-id', secret: 'client-secret' };
  readonly workspaces = new Map<string, FakeWorkspace>();
  readonly visits: AuthorizeVisit[] = [];
  /** Tokens Slack no longer takes (uninstalled, revoked): every call with one fails `token_revoked`. */
  readonly revoked = new Set<string>();
  /** The workspace the next visitor installs into. */
  installing: string | null = null;
  /** The next visitor presses Cancel instead of Allow. */
  cancelNext = false;
  /** The redirect URL registered with the app, used when the authorize URL names none. */
  registeredRedirect: string | null = null;
  readonly #codes = new Map<string, { teamId: string; scope: string }>();
  #issued = 0;

  addWorkspace(workspace: FakeWorkspace): FakeWorkspace {
    this.workspaces.set(workspace.teamId, workspace);
    return workspace;
  }

  /** GET /oauth/v2/authorize: back to the app's redirect URL with a code (or error) and the state. */
  authorize(url: URL, response: ServerResponse): void {
    const visit: AuthorizeVisit = {
      clientId: url.searchParams.get('client_id'),
      scope: url.searchParams.get('scope'),
      state: url.searchParams.get('state'),
      redirectUri: url.searchParams.get('redirect_uri'),
    };
    this.visits.push(visit);
    const target = visit.redirectUri ?? this.registeredRedirect;
    const workspace = this.installing ? this.workspaces.get(this.installing) : undefined;
    if (!target || visit.clientId !== this.client.id || !workspace) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('bad authorize request');
      return;
    }
    const back = new URL(target);
    if (this.cancelNext) {
      this.cancelNext = false;
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = `code-${workspace.teamId}-${++this.#issued}`;
      this.#codes.set(code, { teamId: workspace.teamId, scope: visit.scope ?? '' });
      back.searchParams.set('code', code);
    }
    if (visit.state !== null) back.searchParams.set('state', visit.state);
    response.writeHead(302, { location: back.toString() }).end();
  }

  /** The fake's answer for the OAuth methods and per-token auth.test; undefined for anything else. */
  answer(
    method: string,
    body: Record<string, unknown>,
    token: string | null,
  ): Record<string, unknown> | undefined {
    if (token && this.revoked.has(token)) return { ok: false, error: 'token_revoked' };
    if (method === 'oauth.v2.access') return this.#exchange(body);
    if (method !== 'auth.test' || !token) return undefined;
    const workspace = [...this.workspaces.values()].find((candidate) => candidate.botToken === token);
    if (!workspace) return undefined;
    return {
      ok: true,
      url: `https://${workspace.teamId.toLowerCase()}.slack.com/`,
      team_id: workspace.teamId,
      user_id: workspace.botUserId,
      bot_id: workspace.botId,
      ...(workspace.enterpriseId ? { enterprise_id: workspace.enterpriseId } : {}),
    };
  }

  #exchange(body: Record<string, unknown>): Record<string, unknown> {
    if (body.client_id !== this.client.id || body.client_secret !== this.client.secret) {
      return { ok: false, error: 'invalid_client_id' };
    }
    const grant = this.#codes.get(String(body.code));
    this.#codes.delete(String(body.code));
    const workspace = grant ? this.workspaces.get(grant.teamId) : undefined;
    if (!grant || !workspace) return { ok: false, error: 'invalid_code' };
    const org = workspace.enterpriseId;
    return {
      ok: true,
      app_id: 'A1',
      authed_user: { id: `U-admin-${workspace.teamId}` },
      scope: grant.scope,
      token_type: 'bot',
      access_token: workspace.botToken,
      bot_user_id: workspace.botUserId,
      team: org ? null : { id: workspace.teamId, name: workspace.teamName },
      enterprise: org ? { id: org, name: `${workspace.teamName} org` } : null,
      is_enterprise_install: Boolean(org),
    };
  }
}
