import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@slack/logger';
import {
  type CallbackOptions,
  type CodedError,
  ErrorCode,
  InstallProvider,
  type InstallationStore as SlackInstallationStore,
} from '@slack/oauth';
import { parse } from 'yaml';
import type { OAuthConfig } from '../../config.ts';
import type { InstallationStore } from '../../store/installation-types.ts';
import { classifyApiError } from '../api-errors.ts';
import { toInstallationRecord, toSlackInstallation } from './installation-record.ts';
import {
  cancelledPage,
  type FailurePage,
  failedPage,
  installPage,
  invalidStatePage,
  missingCodePage,
  missingStatePage,
  notEnterprisePage,
  successPage,
} from './pages.ts';

export const MANIFEST_URL = new URL('../../../manifest.yaml', import.meta.url);

/** The bot scopes the app asks for: the manifest's, so the install link and the manifest never disagree. */
export function manifestBotScopes(url: URL = MANIFEST_URL): string[] {
  const manifest = parse(readFileSync(url, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
  const scopes = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string')) {
    throw new Error('manifest.yaml lists no bot scopes (oauth_config.scopes.bot).');
  }
  return scopes;
}

export interface InstallRoutesDeps {
  oauth: OAuthConfig;
  /** SLACK_API_URL: where the code is exchanged (oauth.v2.access) and checked (auth.test). */
  apiUrl: string;
  installations: InstallationStore;
  logger: Logger;
  clock: () => number;
  scopes?: string[];
}

export interface InstallRoutes {
  install(req: IncomingMessage, res: ServerResponse): Promise<void>;
  redirect(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

function send(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

function failurePage(error: CodedError): FailurePage {
  switch (error.code) {
    case ErrorCode.AuthorizationError:
      return cancelledPage();
    case ErrorCode.InvalidStateError:
      return invalidStatePage();
    case ErrorCode.MissingStateError:
      return missingStatePage();
    case ErrorCode.MissingCodeError:
      return missingCodePage();
    default: {
      const failure = classifyApiError((error as { original?: unknown }).original ?? error);
      return failedPage(failure.code.startsWith('slack_oauth') ? 'an unexpected error' : failure.code);
    }
  }
}

/**
 * GET /slack/install and GET /slack/oauth_redirect, on @slack/oauth's InstallProvider with STAR Coach's own
 * installation store. The install page sets a state (signed with SLACK_STATE_SECRET, bound to the browser by a
 * cookie); the redirect checks it before the code is ever exchanged, so a present but invalid state gets a 400.
 * A missing state (an admin installing from Slack's side) is accepted only with SLACK_ALLOW_STATELESS_INSTALL and
 * only when the exchange returns an org-wide (Enterprise Grid) install; anything else is not stored.
 */
export function createInstallRoutes(deps: InstallRoutesDeps): InstallRoutes {
  const { oauth, logger, installations, clock } = deps;
  const scopes = deps.scopes ?? manifestBotScopes();
  const store: SlackInstallationStore = {
    storeInstallation: async (installation) =>
      installations.saveInstallation(toInstallationRecord(installation, clock()), clock()),
    fetchInstallation: async (query) => {
      const found = await installations.findInstallation({
        teamId: query.teamId ?? null,
        enterpriseId: query.enterpriseId ?? null,
        isEnterpriseInstall: query.isEnterpriseInstall,
      });
      if (!found) throw new Error('No installation for this workspace.');
      return toSlackInstallation(found);
    },
    deleteInstallation: async (query) => {
      await installations.deleteInstallation({
        teamId: query.teamId ?? null,
        enterpriseId: query.enterpriseId ?? null,
        isEnterpriseInstall: query.isEnterpriseInstall,
      });
    },
  };
  const common = {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    installationStore: store,
    logger,
    clientOptions: { slackApiUrl: deps.apiUrl },
    installUrlOptions: { scopes },
    renderHtmlForInstallPath: installPage,
  };
  const withState = new InstallProvider({ ...common, stateSecret: oauth.stateSecret });
  const withoutState = oauth.allowStatelessInstall
    ? new InstallProvider({ ...common, stateVerification: false })
    : null;

  const callbacks = (enterpriseOnly: boolean): CallbackOptions => ({
    afterInstallation: async (installation, _options, _req, res) => {
      if (enterpriseOnly && installation.isEnterpriseInstall !== true) {
        logger.warn('Refused an install without a state: only org-wide installs may skip it.');
        const refused = notEnterprisePage();
        send(res, refused.status, refused.html);
        return false;
      }
      return true;
    },
    success: (installation, _options, _req, res) => {
      const where = installation.isEnterpriseInstall ? installation.enterprise : installation.team;
      logger.info(
        `Installed in ${installation.isEnterpriseInstall ? 'organisation' : 'workspace'} ${where?.id ?? 'unknown'}.`,
      );
      send(res, 200, successPage(where?.name ?? null));
    },
    failure: (error, _options, _req, res) => {
      const shown = failurePage(error);
      logger.warn(`An install did not complete (${error.code}); answered ${shown.status}.`);
      send(res, shown.status, shown.html);
    },
  });

  return {
    async install(req, res) {
      await withState.handleInstallPath(req, res);
    },
    async redirect(req, res) {
      const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const hasState = (params.get('state') ?? '') !== '';
      if (hasState || params.get('error')) {
        await withState.handleCallback(req, res, callbacks(false));
        return;
      }
      if (!withoutState) {
        const missing = missingStatePage();
        logger.warn('Refused an install without a state (SLACK_ALLOW_STATELESS_INSTALL is not true).');
        send(res, missing.status, missing.html);
        return;
      }
      await withoutState.handleCallback(req, res, callbacks(true));
    },
  };
}
