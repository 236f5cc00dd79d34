import { DEFAULT_MOCK_SIZE, MOCK_SIZES, type MockSize, parseMockSize } from '../coach/mock.ts';
import { closestMatch, findPrinciple, findQuestion, normalise } from '../coach/resolve.ts';
import { parseFamily, parsePack } from '../coach/settings.ts';
import type { StartSelector } from '../coach/start.ts';
import type { ContentBank } from '../content/load.ts';
import { type JobFamilyId, LENS_IDS, LEVELS, type LensId, type Level } from '../content/schema.ts';
import type { StoryAction } from '../service/story-bank.ts';
import { type DailyCommand, parseDailyCommand } from './daily-command.ts';
import { type NudgesCommand, parseNudgesCommand } from './spaced.ts';

/** What `/star-practice [text]` asks for. */
export type SlackCommand =
  | { kind: 'start'; selector: StartSelector }
  /** A mock interview of several questions (started like a session, in the DM). */
  | { kind: 'mock'; size: MockSize }
  /** Practise with or without numeric scores and verdict bands. */
  | { kind: 'scores'; show: boolean }
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
  /** The story bank: list it, change one story, plan a loop. */
  | { kind: 'stories' }
  | { kind: 'story'; story: string; action: StoryAction }
  | { kind: 'plan'; input: string }
  /** A known subcommand with a missing or wrong argument. */
  | {
      kind: 'invalid';
      command: 'level' | 'lens' | 'family' | 'pack' | 'story' | 'mock' | 'scores';
      problem: string;
      suggestion?: string;
    }
  | { kind: 'unknown'; input: string; suggestion?: string };

/**
 * Every `/star-practice` subcommand, once: the parser accepts these names and aliases, and `help` (and the
 * README's table) lists them with their usage. Add a command here and it is parsed and documented.
 */
export const COMMANDS = [
  {
    name: 'list',
    aliases: ['ls', 'questions', 'principles'],
    usage: 'list',
    help: 'principles and questions',
  },
  {
    name: 'progress',
    aliases: ['stats'],
    usage: 'progress',
    help: 'your bands, streak and what to practise next',
  },
  {
    name: 'mock',
    aliases: ['mock-interview', 'interview'],
    usage: 'mock [3|4|5]',
    help: 'a mock interview in our DM: 3 to 5 principles back to back (default 4), one follow-up each, then a debrief',
  },
  {
    name: 'scores',
    aliases: ['score'],
    usage: 'scores off|on',
    help: 'practise without numeric scores and verdicts (feedback, quotes and examples stay)',
  },
  {
    name: 'stories',
    aliases: ['story-bank', 'storybank', 'bank'],
    usage: 'stories',
    help: 'your story bank in our DM, with the coverage matrix and buttons to tag, rename, merge or retire',
  },
  {
    name: 'story',
    aliases: [],
    usage: 'story N rename TEXT | tag IDS | untag IDS | merge M | retire | restore',
    help: 'change story N (M is folded into it when merging)',
  },
  {
    name: 'plan',
    aliases: ['loop'],
    usage: 'plan <principles, comma-separated | loop-4 | loop-5 | screen | manager-loop>',
    help: 'a different story for each interviewer of a loop, with the gaps to practise',
  },
  {
    name: 'level',
    aliases: [],
    usage: 'level junior|mid|senior',
    help: 'the level you are interviewing for',
  },
  {
    name: 'lens',
    aliases: [],
    usage: 'lens technical|hiring-manager|senior-leader|off',
    help: 'the interviewer you are preparing for',
  },
  {
    name: 'family',
    aliases: ['job'],
    usage: 'family retail (or family off)',
    help: 'your line of work, so examples come from stories like yours',
  },
  {
    name: 'pack',
    aliases: [],
    usage: 'pack <id> (or pack default)',
    help: 'which question pack you practise',
  },
  { name: 'stop', aliases: ['quit', 'abandon'], usage: 'stop', help: 'end the session in progress' },
  {
    name: 'nudges',
    aliases: ['nudge'],
    usage: 'nudges on [HH:MM] | off | status',
    help: 'a gentle DM when a principle is due for re-practice (at most 3 a week, never in quiet hours)',
  },
  {
    name: 'daily',
    aliases: [],
    usage: 'daily on [HH:MM] [time zone] [weekdays|everyday] [pack ID] | off | status | now',
    help: 'a daily question in this channel for the whole team (typed in the channel)',
  },
  {
    name: 'export',
    aliases: [],
    usage: 'export',
    help: 'your stories and sessions as a Markdown file in our DM',
  },
  {
    name: 'forget-me',
    aliases: ['forget', 'forgetme'],
    usage: 'forget-me',
    help: 'delete everything STAR Coach stores about you (asks first)',
  },
  { name: 'help', aliases: ['?'], usage: 'help', help: 'this list' },
] as const;

export const SUBCOMMANDS = COMMANDS.map((c) => c.name);
type Subcommand = (typeof COMMANDS)[number]['name'];

const ALIASES = new Map<string, Subcommand>(
  COMMANDS.flatMap((c) => [[c.name, c.name] as const, ...c.aliases.map((a) => [a, c.name] as const)]),
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

const STORY_USAGE =
  'Use `story N rename New title`, `story N tag ownership, earn-trust`, `story N untag ID`, `story N merge M`, `story N retire` or `story N restore`.';
const STORY_VERBS = ['rename', 'tag', 'untag', 'merge', 'retire', 'restore'] as const;

/** `story N <verb> [argument]`, words after the verb kept as typed (a new title keeps its case). */
function parseStory(argument: string): SlackCommand {
  const match = /^#?(\d{1,6})\s*(\S*)\s*(.*)$/.exec(argument);
  const invalid = (problem: string, suggestion?: string): SlackCommand => ({
    kind: 'invalid',
    command: 'story',
    problem,
    ...(suggestion ? { suggestion } : {}),
  });
  if (!match)
    return invalid(`Which story? Give its number, as \`/star-practice stories\` shows it. ${STORY_USAGE}`);
  const [, story = '', verbText = '', rest = ''] = match;
  const verb = STORY_VERBS.find((v) => v === verbText.toLowerCase());
  if (!verb) {
    const guess = verbText ? closestMatch(verbText, STORY_VERBS) : undefined;
    return invalid(
      verbText
        ? `I can’t \`${verbText}\` a story. ${STORY_USAGE}`
        : `What should I do with story ${story}? ${STORY_USAGE}`,
      guess ? `story ${story} ${guess}` : undefined,
    );
  }
  const needs = (what: string) => invalid(`\`story ${story} ${verb}\` needs ${what}. ${STORY_USAGE}`);
  switch (verb) {
    case 'rename':
      return rest ? { kind: 'story', story, action: { kind: 'rename', title: rest } } : needs('a new title');
    case 'tag':
    case 'untag':
      return rest
        ? { kind: 'story', story, action: { kind: verb, principles: [rest] } }
        : needs('principles');
    case 'merge':
      return rest
        ? { kind: 'story', story, action: { kind: 'merge', other: rest } }
        : needs('the story to fold in');
    case 'retire':
    case 'restore':
      return { kind: 'story', story, action: { kind: verb } };
  }
}

function parseMock(argument: string): SlackCommand {
  const size = parseMockSize(argument);
  if (size) return { kind: 'mock', size };
  return {
    kind: 'invalid',
    command: 'mock',
    problem: `A mock interview has ${MOCK_SIZES.join(', ')} questions: use \`mock\` (${DEFAULT_MOCK_SIZE}) or \`mock 3\`.`,
  };
}

function parseScores(argument: string): SlackCommand {
  const key = normalise(argument);
  if (key === 'on' || key === 'off') return { kind: 'scores', show: key === 'on' };
  return {
    kind: 'invalid',
    command: 'scores',
    problem: 'Use `scores off` to hide scores and verdicts, or `scores on`.',
  };
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
  if (subcommand === 'story') return parseStory(argument);
  if (subcommand === 'plan') return { kind: 'plan', input: argument };
  if (subcommand === 'nudges') return { kind: 'nudges', nudges: parseNudgesCommand(argument) };
  if (subcommand === 'mock') return parseMock(argument);
  if (subcommand === 'scores') return parseScores(argument);
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
