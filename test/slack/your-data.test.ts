import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { PracticeService } from '../../src/service/practice-service.ts';
import { ACTION } from '../../src/slack/action-ids.ts';
import { classifyApiError } from '../../src/slack/api-errors.ts';
import { parseCommand } from '../../src/slack/command-parser.ts';
import type { RenderedMessage } from '../../src/slack/render/message.ts';
import {
  deletedCounts,
  describeDeletion,
  isEmptyDeletion,
  renderExportFailed,
  renderForgetConfirmation,
  renderForgetReport,
  storyBankFile,
} from '../../src/slack/render/your-data.ts';
import type { DeletionReport, Store } from '../../src/store/types.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { actionIds, type SentBlock, visibleText } from '../helpers/fake-slack.ts';
import { bank } from '../helpers/slack-app.ts';
import { openTestStore } from '../helpers/test-store.ts';

const NOTHING: DeletionReport = {
  sessions: 0,
  answers: 0,
  evaluations: 0,
  followUpAnswers: 0,
  processedMessages: 0,
  outbox: 0,
  dailyPractice: 0,
  stories: 0,
  dailySchedulesUnlinked: 0,
  dailySchedules: 0,
  dailyPosts: 0,
  nudgeSettings: 0,
  nudgesSent: 0,
  users: 0,
};

/** A message as Slack would receive it (plain JSON), for the loosely typed assertion helpers. */
const sent = (message: RenderedMessage): { text: string; blocks: SentBlock[] } =>
  JSON.parse(JSON.stringify(message));

describe('parsing the your-data commands', () => {
  it.each([
    ['export', 'export'],
    ['Export', 'export'],
    ['export please', 'export'],
    ['forget-me', 'forget-me'],
    ['forget me', 'forget-me'],
    ['Forget', 'forget-me'],
    ['forgetme', 'forget-me'],
  ])('%s → %s', (text, kind) => {
    expect(parseCommand(text, bank)).toEqual({ kind });
  });

  it('suggests them for near misses', () => {
    expect(parseCommand('exprot', bank)).toMatchObject({ kind: 'unknown', suggestion: 'export' });
    expect(parseCommand('forget-em', bank)).toMatchObject({ kind: 'unknown', suggestion: 'forget-me' });
  });
});

describe('rendering', () => {
  it('the confirmation has two buttons whose values say nothing about who clicked', () => {
    const message = renderForgetConfirmation();
    expect(blockKitProblems(message.blocks, 50)).toEqual([]);
    expect(actionIds(sent(message))).toEqual([ACTION.forgetConfirm, ACTION.forgetCancel]);
    const values = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(values.map((e) => ('value' in e ? e.value : undefined))).toEqual(['confirm', 'cancel']);
    expect(visibleText(sent(message))).toMatch(/cannot be undone/);
  });

  it('the report counts every kind of row, in words, with singular and plural', () => {
    const report = {
      ...NOTHING,
      sessions: 2,
      answers: 9,
      evaluations: 1,
      followUpAnswers: 3,
      processedMessages: 14,
      outbox: 21,
      dailyPractice: 1,
      stories: 1,
      users: 1,
    };
    expect(deletedCounts(report)).toEqual([
      '2 practice sessions',
      '1 story',
      '9 answers',
      '1 evaluation',
      '3 follow-up answers',
      '14 processed messages',
      '21 queued messages',
      '1 daily practice mark',
    ]);
    const text = visibleText(sent(renderForgetReport(report)));
    expect(text).toContain('• 2 practice sessions');
    expect(text).toContain('your settings (level and lens)');
    expect(text).not.toContain('schedule');
    expect(visibleText(sent(renderForgetReport({ ...report, dailySchedulesUnlinked: 2 })))).toContain(
      '2 daily question schedules you set up keep running in their channels, but no longer name you',
    );
    expect(blockKitProblems(renderForgetReport(report).blocks, 50)).toEqual([]);
  });

  it('the log line is numbers only, with workspace-only counts when there are any', () => {
    expect(describeDeletion({ ...NOTHING, users: 2, sessions: 3, dailySchedules: 1 })).toBe(
      '2 profiles, 3 practice sessions, 0 stories, 0 answers, 0 evaluations, 0 follow-up answers, 0 processed messages, 0 queued messages, 0 daily practice marks, 1 daily schedule, 0 daily post records',
    );
    expect(isEmptyDeletion(NOTHING)).toBe(true);
    expect(isEmptyDeletion({ ...NOTHING, dailySchedulesUnlinked: 1 })).toBe(false);
  });

  it('export failures say what to do', () => {
    const scope = new webApi.WebAPIPlatformError({ ok: false, error: 'missing_scope' });
    expect(renderExportFailed(classifyApiError(scope)).text).toContain('files:write');
    const limited = new webApi.WebAPIRateLimitedError(30);
    expect(renderExportFailed(classifyApiError(limited)).text).toContain('slow down');
    const other = new webApi.WebAPIPlatformError({ ok: false, error: 'channel_not_found' });
    expect(renderExportFailed(classifyApiError(other)).text).toContain('channel_not_found');
  });

  it('the file is named by date and says how many sessions it holds', () => {
    const file = storyBankFile('# text', 3, Date.UTC(2026, 2, 10, 23, 59));
    expect(file).toEqual({
      filename: 'star-coach-story-bank-2026-03-10.md',
      title: 'My STAR Coach story bank (2026-03-10)',
      content: '# text',
      comment: expect.stringContaining('3 sessions'),
    });
  });
});

describe('PracticeService.forget', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('waits for a turn in flight, so the turn cannot write the session back afterwards', async () => {
    const store = await openTestStore(':memory:');
    stores.push(store);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let committing: () => void = () => undefined;
    const inCommit = new Promise<void>((resolve) => {
      committing = resolve;
    });
    let holdNextCommit = false;
    const slowCommits: Store = new Proxy(store, {
      get(target, property) {
        if (property === 'commitTurn') {
          return async (commit: Parameters<Store['commitTurn']>[0]) => {
            if (holdNextCommit) {
              holdNextCommit = false;
              committing();
              await held;
            }
            return target.commitTurn(commit);
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const service = new PracticeService({ store: slowCommits, bank, clock: () => 1_000, newId: () => 's1' });
    const key = { workspaceId: 'T1', userId: 'U1' };
    const reply = { source: 'slack' as const, channel: 'D1' };
    await service.start(key, { kind: 'question', questionId: 'dive-deep/unexpected-root-cause' }, reply);

    holdNextCommit = true;
    const turn = service.turn(key, { kind: 'message', text: 'My situation', messageId: 'm1' }, reply);
    await inCommit;
    const forgotten = service.forget(key);
    release();
    await turn;
    const report = await forgotten;

    expect(report).toMatchObject({ sessions: 1, answers: 1, processedMessages: 1, users: 1 });
    expect(await store.listSessions(key)).toEqual([]);
    expect(await store.hasProcessed(key, 'm1')).toBe(false);
  });
});
