import type { ChoiceId } from '../coach/types.ts';

/** Every action_id the app renders; listeners match on these. */
export const ACTION = {
  /** `coach.choice.<ChoiceId>` on buttons under coaching messages. */
  choicePrefix: 'coach.choice.',
  abandonAndStart: 'coach.abandon-and-start',
  keepSession: 'coach.keep-session',
  homeStart: 'home.start',
  homeLevel: 'home.level',
  homeLens: 'home.lens',
  /** Select menus on the Home tab: the person's job family and question pack. */
  homeFamily: 'home.family',
  homePack: 'home.pack',
  dailyPractise: 'daily.practise',
  dailyExample: 'daily.example',
  forgetConfirm: 'your-data.forget-me.confirm',
  forgetCancel: 'your-data.forget-me.cancel',
  /** Story bank: value is the story id (use: the story number), a select's option value the argument. */
  storyUse: 'story.use',
  storyTag: 'story.tag',
  storyTagSelect: 'story.tag-select',
  storyMerge: 'story.merge',
  storyRetire: 'story.retire',
  storyRestore: 'story.restore',
  storyRename: 'story.rename',
  storiesSeeAll: 'stories.see-all',
} as const;

export const choiceActionId = (choice: ChoiceId) => `${ACTION.choicePrefix}${choice}`;

export const CHOICE_ACTION = /^coach\.choice\.([a-z-]+)$/;
