import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FakeSlackServer, type ServerCall } from './fake-slack-server.ts';

export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'oauth-test-client-secret';
export const STATE_SECRET = 'oauth-test-state-secret-0123456789';
export const TOKEN_KEY = Buffer.alloc(32, 42).toString('base64');

/** What `oauth.v2.access` answers for one authorization code. */
export interface Grant {
  teamId: string | null;
  enterpriseId?: string;
  botToken: string;
  /** With token rotation: the first refresh token, and the token's lifetime. */
  rotation?: { refreshToken: string; expiresInS: number };
}

/**
 * Slack's side of OAuth on top of the fake Web API: codes exchanged for installs, auth.test per token, refresh
 * grants that rotate a workspace's tokens (each refresh token usable once), and a record of refreshes.
 */
export class FakeOAuthSlack {
  readonly server: FakeSlackServer;
  /** Refresh grants asked for, in order (the refresh token presented). */
  readonly refreshes: string[] = [];
  private readonly teamOfToken = new Map<string, Grant>();
  /** The refresh token that works now, per team. */
  private readonly liveRefresh = new Map<string, string>();

  constructor(private readonly grants: Record<string, Grant>) {
    this.server = new FakeSlackServer((call) => this.answer(call));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get calls(): ServerCall[] {
    return this.server.calls;
  }

  private answer(call: ServerCall): object | undefined {
    if (call.method === 'oauth.v2.access') return this.access(call.form);
    if (call.method === 'auth.test') {
      const grant = call.token ? this.teamOfToken.get(call.token) : undefined;
      if (!grant) return { ok: false, error: 'invalid_auth' };
      return {
        ok: true,
        url: 'https://star-test.slack.com/',
        team_id: grant.teamId,
        user_id: `UBOT${grant.teamId ?? grant.enterpriseId}`,
        bot_id: `BBOT${grant.teamId ?? grant.enterpriseId}`,
      };
    }
    return undefined;
  }

  private access(form: Record<string, string>): object {
    if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET) {
      return { ok: false, error: 'invalid_client_id' };
    }
    if (form.grant_type === 'refresh_token') return this.refresh(form.refresh_token ?? '');
    const grant = this.grants[form.code ?? ''];
    if (!grant) return { ok: false, error: 'invalid_code' };
    this.teamOfToken.set(grant.botToken, grant);
    const owner = grant.teamId ?? grant.enterpriseId ?? '';
    if (grant.rotation) this.liveRefresh.set(owner, grant.rotation.refreshToken);
    return {
      ok: true,
      app_id: 'A0APP',
      authed_user: { id: 'UINSTALLER' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: grant.botToken,
      bot_user_id: `UBOT${owner}`,
      team: grant.teamId ? { id: grant.teamId, name: `Team ${grant.teamId}` } : null,
      enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: `Org ${grant.enterpriseId}` } : null,
      is_enterprise_install: grant.teamId === null,
      ...(grant.rotation
        ? { refresh_token: grant.rotation.refreshToken, expires_in: grant.rotation.expiresInS }
        : {}),
    };
  }

  private refresh(refreshToken: string): object {
    this.refreshes.push(refreshToken);
    const owner = [...this.liveRefresh].find(([, live]) => live === refreshToken)?.[0];
    if (owner === undefined) return { ok: false, error: 'invalid_refresh_token' };
    const grant = [...this.teamOfToken.values()].find((g) => (g.teamId ?? g.enterpriseId) === owner)!;
    const n = this.refreshes.length;
    const next = { ...grant, botToken: `xoxb-${owner}-rotated-${n}` };
    this.teamOfToken.set(next.botToken, next);
    this.liveRefresh.set(owner, `xoxe-1-${owner}-rotated-${n}`);
    return {
      ok: true,
      token_type: 'bot',
      access_token: next.botToken,
      refresh_token: `xoxe-1-${owner}-rotated-${n}`,
      expires_in: 43_200,
      team: grant.teamId ? { id: grant.teamId } : null,
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}

export interface InstallAttempt {
  /** The authorize URL of the install page's button. */
  authorizeUrl: URL;
  status: number;
  html: string;
}

/**
 * A browser installing the app: opens the install page (which sets the state cookie), follows the "Add to Slack"
 * link as far as Slack (not fetched), then comes back to the redirect URL with the code and the state, as Slack
 * sends it. `state` overrides the state sent back (a forged or missing one).
 */
export async function installThroughBrowser(
  base: string,
  code: string,
  options: { state?: string | null; extra?: string } = {},
): Promise<InstallAttempt> {
  const page = await fetch(`${base}/slack/install`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const html = await page.text();
  const href = /href="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !href) throw new Error(`the install page did not offer a link:\n${html}`);
  const authorizeUrl = new URL(href.replaceAll('&amp;', '&'));
  const state = options.state === undefined ? authorizeUrl.searchParams.get('state') : options.state;
  const query = new URLSearchParams({ code, ...(state === null ? {} : { state }) });
  const back = await fetch(`${base}/slack/oauth_redirect?${query}${options.extra ?? ''}`, {
    headers: { cookie },
  });
  return { authorizeUrl, status: back.status, html: await back.text() };
}

/** Every byte of the database file and its WAL, as text, to look for tokens in clear. */
export function databaseBytes(dbPath: string): string {
  const dir = dirname(dbPath);
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}
