import type { App } from '@slack/bolt';
import type { CoachDeps } from '../../coach.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appUninstalled } from './app-uninstalled.ts';
import { directMessage } from './direct-message.ts';
import { tokensRevoked } from './tokens-revoked.ts';

export function registerEvents(app: App, deps: CoachDeps): void {
  app.message(({ message, body }) => directMessage({ event: message, body }, deps));
  app.event('app_home_opened', ({ event, body }) => appHomeOpened({ event, body }, deps));
  app.event('app_uninstalled', ({ body }) => appUninstalled({ body }, deps));
  app.event('tokens_revoked', ({ event, body }) => tokensRevoked({ event, body }, deps));
}
