import { parseArgs } from 'node:util';
import { resumeMessages } from '../coach/engine.ts';
import { finishedMocks, MOCK_SIZES, type MockSize, parseMockSize } from '../coach/mock.ts';
import { type ScoreView, viewMessage, viewOf } from '../coach/score-view.ts';
import type { StartSelector } from '../coach/start.ts';
import type { ContentBank } from '../content/load.ts';
import { findPack, packBank, packIdFor } from '../content/packs.ts';
import { JOB_FAMILY_NAMES, LENS_IDS, LEVELS, type LensId, type Level } from '../content/schema.ts';
import { exportMarkdown } from '../export/markdown.ts';
import { spacedMarkdown } from '../export/spaced.ts';
import type { PracticeService, Reply } from '../service/practice-service.ts';
import {
  changeStory,
  loadStories,
  planStories,
  type StoryAction,
  storyOverview,
} from '../service/story-bank.ts';
import type { Store, UserKey, UserSettings } from '../store/types.ts';
import { dueItems, renderDue } from './due.ts';
import { familyFrom, oneOf, packFrom, principleIdFrom, questionIdFrom, UsageError } from './options.ts';
import { renderMessages, renderProgress } from './render.ts';
import { principleName, renderPlan, renderStories } from './render-stories.ts';

export interface PracticeIo {
  /** The next message the user typed, or null at end of input. */
  next(): Promise<string | null>;
  out(text: string): void;
  err(text: string): void;
  /** Writes an export file; rejects when it cannot. */
  writeFile(path: string, text: string): Promise<void>;
}

export interface PracticeDeps {
  service: PracticeService;
  store: Store;
  key: UserKey;
  clock: () => number;
  newId: () => string;
}

export const USAGE = [
  `Usage: npm run practice -- [--principle ID | --question ID | --mock [3|4|5]] [--scores off|on] [--level junior|mid|senior] [--lens ${LENS_IDS.join('|')}] [--family ID|off] [--pack ID|default] [--progress] [--due] [--export FILE]`,
  '       npm run practice -- --stories',
  '       npm run practice -- --story N (--rename TEXT | --tag IDS | --untag IDS | --merge M | --retire | --restore)',
  '       npm run practice -- --plan <principle ids or names, comma-separated, or a preset such as loop-4>',
].join('\n');
/** Debriefs `--progress` shows in full (the export has all of them). */
const SHOWN_MOCKS = 3;
const REPLY: Reply = { source: 'cli', channel: null };

/** `--mock N`, or `--mock` alone for the default size: parseArgs needs `--mock=N` or `--mock=`. */
function joinMockSize(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg !== '--mock') out.push(arg);
    else if (next !== undefined && !next.startsWith('-')) {
      out.push(`--mock=${next}`);
      i++;
    } else out.push('--mock=');
  }
  return out;
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: joinMockSize(argv),
    allowPositionals: true,
    options: {
      principle: { type: 'string' },
      question: { type: 'string' },
      level: { type: 'string' },
      lens: { type: 'string' },
      family: { type: 'string' },
      pack: { type: 'string' },
      progress: { type: 'boolean' },
      due: { type: 'boolean' },
      export: { type: 'string' },
      stories: { type: 'boolean' },
      story: { type: 'string' },
      rename: { type: 'string' },
      tag: { type: 'string' },
      untag: { type: 'string' },
      merge: { type: 'string' },
      retire: { type: 'boolean' },
      restore: { type: 'boolean' },
      plan: { type: 'string' },
      mock: { type: 'string' },
      scores: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  return {
    ...values,
    storyAction: storyActionFrom(values),
    level: oneOf<Level>(values.level, LEVELS, 'level'),
    lens: oneOf<LensId>(values.lens, LENS_IDS, 'lens'),
    mock: mockSizeFrom(values.mock),
    scores: oneOf(values.scores, ['on', 'off'] as const, 'scores setting'),
  };
}

function mockSizeFrom(value: string | undefined): MockSize | undefined {
  if (value === undefined) return undefined;
  const size = parseMockSize(value);
  if (!size) throw new UsageError(`A mock interview has ${MOCK_SIZES.join(', ')} questions, not "${value}".`);
  return size;
}

function storyActionFrom(values: {
  story?: string | undefined;
  rename?: string | undefined;
  tag?: string | undefined;
  untag?: string | undefined;
  merge?: string | undefined;
  retire?: boolean | undefined;
  restore?: boolean | undefined;
}): StoryAction | undefined {
  const actions: StoryAction[] = [];
  if (values.rename !== undefined) actions.push({ kind: 'rename', title: values.rename });
  if (values.tag !== undefined) actions.push({ kind: 'tag', principles: [values.tag] });
  if (values.untag !== undefined) actions.push({ kind: 'untag', principles: [values.untag] });
  if (values.merge !== undefined) actions.push({ kind: 'merge', other: values.merge });
  if (values.retire) actions.push({ kind: 'retire' });
  if (values.restore) actions.push({ kind: 'restore' });
  if (values.story === undefined) {
    if (actions.length > 0) throw new UsageError('Name the story to change with --story N.');
    return undefined;
  }
  if (actions.length !== 1)
    throw new UsageError(
      'Give --story N one change: --rename, --tag, --untag, --merge, --retire or --restore.',
    );
  return actions[0];
}

function selectorFrom(bank: ContentBank, values: ReturnType<typeof parse>): StartSelector {
  if (values.question !== undefined)
    return { kind: 'question', questionId: questionIdFrom(bank, values.question) };
  if (values.principle !== undefined)
    return { kind: 'principle', principleId: principleIdFrom(bank, values.principle) };
  return { kind: 'recommended' };
}

async function begin(
  io: PracticeIo,
  deps: PracticeDeps,
  selector: StartSelector | { kind: 'mock'; size: MockSize },
  explicit: boolean,
  view: ScoreView,
): Promise<boolean> {
  const { service, key } = deps;
  const active = await service.getActiveSession(key);
  if (active) {
    io.out(
      `You have an unfinished ${active.state.mock ? 'mock interview' : 'session'}: "${active.state.questionId}". Resume it where you stopped? [Y/n] `,
    );
    const answer = await io.next();
    if (answer === null) return false;
    if (!/^\s*n/i.test(answer)) {
      io.out(renderMessages(resumeMessages(service.bank, active.state).map((m) => viewMessage(view, m))));
      return true;
    }
  }
  const started =
    selector.kind === 'mock'
      ? await service.startMock(key, selector.size, REPLY, { replace: true })
      : await service.start(key, selector, REPLY, { replace: true });
  if (started.kind === 'error') {
    io.err(`${started.message}\n`);
    return false;
  }
  if (started.kind === 'conflict') return false;
  if (!explicit) io.out('Starting your recommended question.\n');
  io.out(renderMessages(started.messages));
  return true;
}

/** The terminal practice session; returns the process exit code. */
export async function runPractice(argv: string[], io: PracticeIo, deps: PracticeDeps): Promise<number> {
  let values: ReturnType<typeof parse>;
  let selector: StartSelector;
  try {
    values = parse(argv);
    if (values.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    selector = selectorFrom(deps.service.bank, values);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const { store, key, clock, service } = deps;
  const { bank } = service;
  let changes: Partial<UserSettings>;
  try {
    changes = {
      ...(values.level ? { level: values.level } : {}),
      ...(values.lens ? { lens: values.lens } : {}),
      ...(values.family !== undefined ? { jobFamily: familyFrom(values.family) } : {}),
      ...(values.pack !== undefined ? { pack: packFrom(bank, values.pack) } : {}),
      ...(values.scores ? { showScores: values.scores === 'on' } : {}),
    };
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const user = await store.upsertUser(key, changes, clock());
  const packId = packIdFor(bank, user.pack);
  const pack = packBank(bank, packId);
  if (changes.jobFamily !== undefined)
    io.out(
      `Job family: ${changes.jobFamily ? JOB_FAMILY_NAMES[changes.jobFamily] : 'none (each question’s own examples)'}.\n`,
    );
  if (changes.pack !== undefined) io.out(`Pack: ${findPack(bank, packId)?.name} (${packId}).\n`);
  if (changes.showScores !== undefined)
    io.out(
      changes.showScores
        ? 'Scores: on.\n'
        : 'Scores: off. You see feedback, quotes and examples, without numeric scores or verdicts.\n',
    );
  const view = viewOf(user);
  if (values.progress) {
    const progress = await store.progress(
      key,
      pack.principles.map((p) => p.id),
      clock(),
    );
    const mocks = finishedMocks(bank, await store.listSessions(key)).slice(0, SHOWN_MOCKS);
    io.out(renderProgress(progress, pack, view, findPack(bank, packId), mocks));
    return 0;
  }
  const storyDeps = { store, bank: service.bank, clock };
  if (values.stories) {
    io.out(renderStories(service.bank, await storyOverview(storyDeps, key), view));
    return 0;
  }
  if (values.story !== undefined && values.storyAction) {
    const changed = await changeStory(storyDeps, key, values.story, values.storyAction);
    if (!changed.ok) {
      io.err(`${changed.text}\n`);
      return 2;
    }
    io.out(`${changed.text}\n`);
    return 0;
  }
  if (values.plan !== undefined) {
    const planned = await planStories(storyDeps, key, values.plan);
    if (!planned.ok) {
      io.err(`${planned.text}\n`);
      return 2;
    }
    io.out(renderPlan(service.bank, planned, view));
    const first = [...planned.plan.gaps, ...planned.plan.weak][0];
    if (!first) return 0;
    io.out(`Practise ${principleName(service.bank, first)} now? [y/N] `);
    const answer = await io.next();
    if (answer === null || !/^\s*y/i.test(answer)) {
      io.out(`\nWhen you are ready: npm run practice -- --principle ${first}\n`);
      return 0;
    }
    selector = { kind: 'principle', principleId: first };
  }
  if (values.due) {
    const { items, today } = await dueItems(store, service.bank, key, clock());
    io.out(renderDue(service.bank, items, today));
    return 0;
  }
  if (values.export !== undefined) {
    const { items, today } = await dueItems(store, service.bank, key, clock());
    const spaced = spacedMarkdown(service.bank, items, today, await store.spaced.getNudges(key), []);
    const sessionsMarkdown = exportMarkdown(
      service.bank,
      await store.listSessions(key),
      clock(),
      await loadStories(storyDeps, key),
      view,
    );
    const markdown = `${sessionsMarkdown}\n${spaced}`;
    try {
      await io.writeFile(values.export, markdown);
    } catch (error) {
      io.err(`Could not write ${values.export}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    io.out(`Wrote your sessions to ${values.export}.\n`);
    return 0;
  }
  const opening = values.mock ? { kind: 'mock' as const, size: values.mock } : selector;
  if (!(await begin(io, deps, opening, opening.kind !== 'recommended', view))) return 0;
  return converse(io, deps);
}

async function converse(io: PracticeIo, deps: PracticeDeps): Promise<number> {
  const { service, key } = deps;
  for (;;) {
    const text = await io.next();
    if (text === null) {
      io.out('\nYour progress is saved. Run `npm run practice` again to carry on.\n');
      return 0;
    }
    const outcome = await service.turn(
      key,
      { kind: 'message', text, messageId: `cli-${deps.newId()}` },
      REPLY,
    );
    if (outcome.kind === 'no-session') io.out('No session in progress. Type `next`, `retry` or `done`.\n');
    if (outcome.kind === 'farewell') {
      io.out(renderMessages(outcome.messages));
      return 0;
    }
    if (outcome.kind === 'applied') {
      io.out(renderMessages(outcome.messages));
      if (outcome.session.state.step.kind === 'closed' && outcome.session.status === 'abandoned') return 0;
    }
  }
}
