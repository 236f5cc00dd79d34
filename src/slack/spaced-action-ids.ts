/** action_ids of the spaced re-practice buttons (nudge DMs, the offer, the Home tab's nudge settings). */
export const SPACED_ACTION = {
  practiseNow: 'spaced.practise-now',
  snooze: 'spaced.snooze',
  stop: 'spaced.stop',
  offerYes: 'spaced.offer.yes',
  offerNo: 'spaced.offer.no',
  homeOn: 'spaced.home.on',
  homeOff: 'spaced.home.off',
  /** `spaced.home.time.<HHMM>`: one button per nudge time offered on the Home tab. */
  homeTimePrefix: 'spaced.home.time.',
} as const;
