import type { App } from '@slack/bolt';
import type { CoachDeps } from '../../coach.ts';
import { starPractice } from './star-practice.ts';

export const STAR_PRACTICE = '/star-practice';

export function registerCommands(app: App, deps: CoachDeps): void {
  app.command(STAR_PRACTICE, (args) => starPractice(args, deps));
}
