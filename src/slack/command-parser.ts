import { closestMatch, findPrinciple, findQuestion, normalise } from '../coach/resolve.ts';
import { parseFamily, parsePack } from '../coach/settings.ts';
import type { StartSelector } from '../coach/start.ts';
import type { ContentBank } from '../content/load.ts';
import { type JobFamilyId, LENS_IDS, LEVELS, type LensId, type Level } from '../content/schema.ts';
import { type DailyCommand, parseDailyCommand } from './daily-command.ts';
import { type NudgesCommand, parseNudgesCommand } from './spaced.ts';

/** What `/star-practice [text]` asks for. */
export type SlackCommand =
  | { kind: 'start'; selector: StartSelector }
  | { kind: 'list' }
  | { kind: 'progress' }
  | { kind: 'level'; level: Level }
  | { kind: 'lens'; lens: LensId | null }
  /** Whose examples to show (null: each question's own), and which pack to practise (null: the default). */
  | { kind: 'family'; family: JobFamilyId | null }
  | { kind: 'pack'; pack: string | null }
  | { kind: 'stop' }
  | { kind: 'help' }
  /** Team channel daily prompts: `daily on|off|status|now`. */
  | { kind: 'daily'; daily: DailyCommand }
  /** Spaced re-practice nudges: `nudges on [HH:MM]|off|status`. */
  | { kind: 'nudges'; nudges: NudgesCommand }
  /** Your data: the story bank as a file in DM; erase everything after a confirmation. */
  | { kind: 'export' }
  | { kind: 'forget-me' }
  /** A known subcommand with a missing or wrong argument. */
  | { kind: 'invalid'; command: 'level' | 'lens' | 'family' | 'pack'; problem: string; suggestion?: string }
  | { kind: 'unknown'; input: string; suggestion?: string };

export const SUBCOMMANDS = [
  'list',
  'progress',
  'level',
  'lens',
  'family',
  'pack',
  'stop',
  'help',
  'daily',
  'export',
  'forget-me',
  'nudges',
] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const ALIASES = new Map<string, Subcommand>(
  Object.entries({
    list: 'list',
    daily: 'daily',
    ls: 'list',
    questions: 'list',
    principles: 'list',
    progress: 'progress',
    stats: 'progress',
    level: 'level',
    lens: 'lens',
    family: 'family',
    job: 'family',
    pack: 'pack',
    stop: 'stop',
    quit: 'stop',
    abandon: 'stop',
    help: 'help',
    '?': 'help',
    export: 'export',
    'forget-me': 'forget-me',
    forget: 'forget-me',
    forgetme: 'forget-me',
    nudges: 'nudges',
    nudge: 'nudges',
  } satisfies Record<string, Subcommand>),
);

const CLEAR_LENS = ['off', 'none', 'clear', 'no', 'reset'];

/** Prefixes a user may put before a principle or question ("start dive deep", "practise ownership"). */
const START_WORDS = ['start', 'practice', 'practise', 'new'];

function parseLevel(argument: string): SlackCommand {
  const key = normalise(argument);
  const level = LEVELS.find((l) => l === key);
  if (level) return { kind: 'level', level };
  const suggestion = closestMatch(argument, LEVELS);
  const problem =
    key === ''
      ? 'Which level? Use `level junior`, `level mid` or `level senior`.'
      : 'That is not a level: use `level junior`, `level mid` or `level senior`.';
  return {
    kind: 'invalid',
    command: 'level',
    problem,
    ...(suggestion ? { suggestion: `level ${suggestion}` } : {}),
  };
}

function parseLens(argument: string): SlackCommand {
  const key = normalise(argument);
  if (CLEAR_LENS.includes(key)) return { kind: 'lens', lens: null };
  const lens = LENS_IDS.find((l) => normalise(l) === key);
  if (lens) return { kind: 'lens', lens };
  const options = `${LENS_IDS.map((l) => `\`lens ${l}\``).join(', ')} or \`lens off\``;
  const suggestion = closestMatch(argument, LENS_IDS);
  const problem = key === '' ? `Which lens? Use ${options}.` : `That is not a lens: use ${options}.`;
  return {
    kind: 'invalid',
    command: 'lens',
    problem,
    ...(suggestion ? { suggestion: `lens ${suggestion}` } : {}),
  };
}

function invalidSetting(
  command: 'family' | 'pack',
  failed: { problem: string; suggestion?: string },
): SlackCommand {
  const suggestion = failed.suggestion ? { suggestion: `${command} ${failed.suggestion}` } : {};
  return { kind: 'invalid', command, problem: failed.problem, ...suggestion };
}

function startFor(bank: ContentBank, text: string): SlackCommand | undefined {
  const question = findQuestion(bank, text);
  if (question) return { kind: 'start', selector: { kind: 'question', questionId: question.id } };
  const principle = findPrinciple(bank, text);
  if (principle) return { kind: 'start', selector: { kind: 'principle', principleId: principle.id } };
  return undefined;
}

/** Parses the text after `/star-practice`. Pure: the bank is only read to recognise principles and questions. */
export function parseCommand(text: string, bank: ContentBank): SlackCommand {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return { kind: 'start', selector: { kind: 'recommended' } };
  const [first = '', ...rest] = trimmed.split(' ');
  const argument = rest.join(' ');
  const word = first
    .toLowerCase()
    .replace(/^[/!]/, '')
    .replace(/[.!:,]+$/, '');
  const subcommand = ALIASES.get(word);
  if (subcommand === 'level') return parseLevel(argument);
  if (subcommand === 'lens') return parseLens(argument);
  if (subcommand === 'family') {
    const family = parseFamily(argument);
    return family.ok ? { kind: 'family', family: family.value } : invalidSetting('family', family);
  }
  if (subcommand === 'pack') {
    const pack = parsePack(bank, argument);
    return pack.ok ? { kind: 'pack', pack: pack.value } : invalidSetting('pack', pack);
  }
  if (subcommand === 'daily') return { kind: 'daily', daily: parseDailyCommand(argument) };
  if (subcommand === 'nudges') return { kind: 'nudges', nudges: parseNudgesCommand(argument) };
  // Words after list/progress/stop/help ("help me", "stop please") change nothing.
  if (subcommand) return { kind: subcommand };

  const direct = startFor(bank, trimmed);
  if (direct) return direct;
  if (START_WORDS.includes(word)) {
    if (argument === '') return { kind: 'start', selector: { kind: 'recommended' } };
    const prefixed = startFor(bank, argument);
    if (prefixed) return prefixed;
  }

  const candidates = [
    ...SUBCOMMANDS,
    ...bank.principles.map((p) => p.id),
    ...bank.questions.map((q) => q.id),
  ];
  const suggestion = closestMatch(trimmed, candidates) ?? closestMatch(first, SUBCOMMANDS);
  return { kind: 'unknown', input: trimmed, ...(suggestion ? { suggestion } : {}) };
}
