import type { DeletionReport } from '../../store/types.ts';
import { ACTION } from '../action-ids.ts';
import type { ApiFailure } from '../api-errors.ts';
import type { TextFile } from '../slack-api.ts';
import { actions, button, context, fallbackText, section } from './limits.ts';
import { type RenderedMessage, renderText } from './message.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The per-person counts of a deletion, in the order the user reads them. */
export function deletedCounts(report: DeletionReport): string[] {
  return [
    plural(report.sessions, 'practice session'),
    plural(report.stories, 'story', 'stories'),
    plural(report.answers, 'answer'),
    plural(report.evaluations, 'evaluation'),
    plural(report.followUpAnswers, 'follow-up answer'),
    plural(report.processedMessages, 'processed message'),
    plural(report.outbox, 'queued message'),
    plural(report.dailyPractice, 'daily practice mark'),
    // Only for people who used re-practice nudges.
    ...(report.nudgeSettings > 0 ? [plural(report.nudgeSettings, 're-practice nudge setting')] : []),
    ...(report.nudgesSent > 0 ? [plural(report.nudgesSent, 're-practice nudge record')] : []),
  ];
}

/** Counts for the logs: numbers only, never who or what. */
export function describeDeletion(report: DeletionReport): string {
  const workspaceOnly =
    report.dailySchedules + report.dailyPosts > 0
      ? [plural(report.dailySchedules, 'daily schedule'), plural(report.dailyPosts, 'daily post record')]
      : [];
  return [
    plural(report.users, 'profile'),
    ...deletedCounts(report),
    ...(report.dailySchedulesUnlinked > 0
      ? [plural(report.dailySchedulesUnlinked, 'schedule unlinked', 'schedules unlinked')]
      : []),
    ...workspaceOnly,
  ].join(', ');
}

export const isEmptyDeletion = (report: DeletionReport) => Object.values(report).every((n) => n === 0);

export function renderForgetConfirmation(): RenderedMessage {
  const question =
    '*Delete everything STAR Coach stores about you in this workspace?*\n' +
    'That is every practice session with your answers, feedback and follow-up answers, your story bank ' +
    '(story titles and tags), your level and lens, ' +
    'the record of messages I processed or queued for you, your daily practice marks, and your re-practice nudge settings and history. ' +
    'It cannot be undone.';
  return {
    text: fallbackText(
      'Delete everything STAR Coach stores about you in this workspace? It cannot be undone.',
    ),
    blocks: [
      section(question),
      context('Want a copy first? `/star-practice export` sends your story bank to our DM as a file.'),
      actions('forget-me', [
        button('Delete everything', ACTION.forgetConfirm, 'confirm', 'danger'),
        button('Cancel', ACTION.forgetCancel, 'cancel'),
      ]),
    ],
  };
}

export function renderForgetReport(report: DeletionReport): RenderedMessage {
  const lines = deletedCounts(report).map((line) => `• ${line}`);
  if (report.users > 0) lines.push('• your settings (level and lens)');
  const schedules =
    report.dailySchedulesUnlinked > 0
      ? [
          section(
            `${plural(report.dailySchedulesUnlinked, 'daily question schedule')} you set up keep running in ${report.dailySchedulesUnlinked === 1 ? 'its channel' : 'their channels'}, but no longer name you.`,
          ),
        ]
      : [];
  return {
    text: fallbackText(
      `Deleted everything STAR Coach stored about you: ${deletedCounts(report).join(', ')}.`,
    ),
    blocks: [
      section(
        `:wastebasket: *Deleted everything STAR Coach stored about you in this workspace:*\n${lines.join('\n')}`,
      ),
      ...schedules,
      context(
        'Our DM history is kept by Slack, not by STAR Coach: you can delete your own messages there. If you practise again, you start afresh.',
      ),
    ],
  };
}

export const renderNothingToForget = () =>
  renderText('There is nothing to delete: STAR Coach stores nothing about you in this workspace.');

export const renderForgetCancelled = () =>
  renderText(':ballot_box_with_check: Cancelled: nothing was deleted.');

export const renderNothingToExport = () =>
  renderText(
    'There is nothing to export yet: you have not practised any questions. Start one with `/star-practice`.',
  );

export const renderExportSent = () =>
  renderText('I’ve sent your story bank to our DM as a Markdown file. Only you can see it there.');

/** Why an export did not arrive, in words the user can act on (codes only, never content). */
export function renderExportFailed(failure: ApiFailure): RenderedMessage {
  if (failure.kind === 'permanent' && failure.code === 'missing_scope') {
    return renderText(
      'I couldn’t send your export: STAR Coach does not have Slack’s `files:write` permission yet. Please ask a workspace admin to reinstall the app, then try `/star-practice export` again.',
    );
  }
  if (failure.kind === 'rate-limited') {
    return renderText(
      'Slack is asking me to slow down, so your export was not sent. Try `/star-practice export` again in a minute.',
    );
  }
  return renderText(
    `Slack did not accept the file (\`${failure.code}\`), so your export was not sent. Please try \`/star-practice export\` again in a few minutes.`,
  );
}

/** The story bank as a file for the user's DM. */
export function storyBankFile(markdown: string, sessions: number, generatedAt: number): TextFile {
  const date = new Date(generatedAt).toISOString().slice(0, 10);
  return {
    filename: `star-coach-story-bank-${date}.md`,
    title: `My STAR Coach story bank (${date})`,
    content: markdown,
    comment: `Your STAR Coach story bank: ${plural(sessions, 'session')} with your answers, feedback and follow-ups.`,
  };
}
