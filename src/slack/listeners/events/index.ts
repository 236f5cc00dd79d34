import type { App } from '@slack/bolt';
import type { CoachDeps } from '../../coach.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { directMessage } from './direct-message.ts';

export function registerEvents(app: App, deps: CoachDeps): void {
  app.message(({ message, body }) => directMessage({ event: message, body }, deps));
  app.event('app_home_opened', ({ event, body }) => appHomeOpened({ event, body }, deps));
}
