import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { ACTION } from '../../action-ids.ts';
import type { CoachDeps } from '../../coach.ts';
import { dailyExample } from './daily-example.ts';
import { dailyPractise } from './daily-practise.ts';
import { forgetMe } from './forget-me.ts';
import { homeSettings } from './home-settings.ts';
import { homeStart } from './home-start.ts';
import { sessionChoice } from './session-choice.ts';
import { sessionConflict } from './session-conflict.ts';
import { spacedNudge } from './spaced-nudge.ts';
import { storiesSeeAll, storyChange, storyUse } from './stories.ts';

type ButtonClick = BlockAction<ButtonAction>;
type MenuChoice = BlockAction<StaticSelectAction>;

const click = (actionId: string | RegExp) => ({ type: 'block_actions', action_id: actionId }) as const;
const startsWith = (prefix: string) => new RegExp(`^${prefix.replace(/\./g, '\\.')}`);

export function registerActions(app: App, deps: CoachDeps): void {
  app.action<ButtonClick>(click(startsWith(ACTION.choicePrefix)), (args) => sessionChoice(args, deps));
  app.action<ButtonClick>(click(ACTION.abandonAndStart), (args) => sessionConflict(args, deps));
  app.action<ButtonClick>(click(ACTION.keepSession), (args) => sessionConflict(args, deps));
  app.action<ButtonClick>(click(ACTION.homeStart), (args) => homeStart(args, deps));
  app.action<ButtonClick>(click(ACTION.dailyPractise), (args) => dailyPractise(args, deps));
  app.action<ButtonClick>(click(ACTION.dailyExample), (args) => dailyExample(args, deps));
  app.action<ButtonClick>(click(ACTION.forgetConfirm), (args) => forgetMe(args, deps));
  app.action<ButtonClick>(click(ACTION.forgetCancel), (args) => forgetMe(args, deps));
  app.action<ButtonClick>(click(startsWith(`${ACTION.homeLevel}.`)), (args) => homeSettings(args, deps));
  app.action<ButtonClick>(click(startsWith(`${ACTION.homeLens}.`)), (args) => homeSettings(args, deps));
  app.action<MenuChoice>(click(ACTION.homeFamily), (args) => homeSettings(args, deps));
  app.action<MenuChoice>(click(ACTION.homePack), (args) => homeSettings(args, deps));
  app.action<ButtonClick>(click(startsWith(`${ACTION.storyUse}.`)), (args) => storyUse(args, deps));
  app.action<ButtonClick>(click(ACTION.storiesSeeAll), (args) => storiesSeeAll(args, deps));
  const storyControls = [
    ACTION.storyTag,
    ACTION.storyTagSelect,
    ACTION.storyMerge,
    ACTION.storyRetire,
    ACTION.storyRestore,
    ACTION.storyRename,
  ];
  const storyControl = new RegExp(`^(${storyControls.map((a) => a.replace(/\./g, '\\.')).join('|')})(\\.|$)`);
  app.action<ButtonClick>(click(storyControl), (args) => storyChange(args, deps));
  app.action<ButtonClick>(click(/^spaced\./), (args) => spacedNudge(args, deps));
}
