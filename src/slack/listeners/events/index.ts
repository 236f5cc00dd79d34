import type { App } from '@slack/bolt';
import type { CoachDeps } from '../../coach.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appUninstalled } from './app-uninstalled.ts';
import { directMessage } from './direct-message.ts';
import { tokensRevoked } from './tokens-revoked.ts';
import { teamAccessRevoked } from './workspace-left.ts';

export function registerEvents(app: App, deps: CoachDeps): void {
  // In OAuth mode each workspace has its own bot user: the authorised context names it.
  app.message(({ message, body, context }) =>
    directMessage(
      { event: message, body, ...(context.botUserId ? { botUserId: context.botUserId } : {}) },
      deps,
    ),
  );
  app.event('app_home_opened', ({ event, body }) => appHomeOpened({ event, body }, deps));
  app.event('app_uninstalled', ({ body }) => appUninstalled({ body }, deps));
  app.event('tokens_revoked', ({ event, body }) => tokensRevoked({ event, body }, deps));
  app.event('team_access_revoked', ({ event }) => teamAccessRevoked({ event }, deps));
}
