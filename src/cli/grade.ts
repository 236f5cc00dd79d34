import { parseArgs } from 'node:util';
import type { ContentBank } from '../content/load.ts';
import { LENS_IDS, LEVELS, type LensId, type Level, PART_NAMES, type PartName } from '../content/schema.ts';
import { DEFAULT_TARGETS, formatSeconds } from '../rubric/criteria/length.ts';
import { CRITERIA, type GradeOptions, type GradeResult, grade, RubricInputError } from '../rubric/index.ts';
import { gradeFollowUpCommand } from './grade-follow-up.ts';
import { oneOf, questionIdFrom, UsageError } from './options.ts';

export interface GradeIo {
  /** All of standard input. */
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

export const GRADE_USAGE = `Usage: npm run --silent grade -- [--question ID] [--section ${PART_NAMES.join('|')}] [--level ${LEVELS.join('|')}] [--lens ${LENS_IDS.join('|')}] [--json] [FILE | -]
       npm run --silent grade -- [--json] --follow-up "QUESTION TEXT" [--question ID] [FILE | -]

Grades a STAR answer read from FILE, or from standard input when FILE is "-" or missing.
  --question ID   grade against a question's own examples (e.g. dive-deep/unexpected-root-cause)
  --section NAME  grade one part on its own; only that part's criteria are judged
  --level LEVEL   junior, mid (default) or senior
  --lens ID       the interviewer's angle: technical, hiring-manager or senior-leader
  --json          one JSON object on standard output instead of the report
  --follow-up Q   grade FILE as the reply to the follow-up question Q, judged on what Q asks;
                  --question then only picks the stored example shown for contrast`;

const EXIT_OK = 0;
const EXIT_USAGE = 2;

interface Parsed {
  options: GradeOptions;
  /** The follow-up question text, when grading a reply to a follow-up. */
  followUp?: string;
  json: boolean;
  help: boolean;
  source: string;
}

function parse(argv: string[], bank: ContentBank): Parsed {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`Expected at most one FILE, got ${positionals.length}.`);
  const options: GradeOptions = {};
  if (values.question !== undefined) options.questionId = questionIdFrom(bank, values.question);
  const section = oneOf<PartName>(values.section, PART_NAMES, 'section');
  const level = oneOf<Level>(values.level, LEVELS, 'level');
  const lens = oneOf<LensId>(values.lens, LENS_IDS, 'lens');
  if (section) options.section = section;
  if (level) options.level = level;
  if (lens) options.lens = lens;
  const result: Parsed = {
    options,
    json: values.json === true,
    help: values.help === true,
    source: positionals[0] ?? '-',
  };
  const followUp = values['follow-up'];
  if (followUp === undefined) return result;
  if (followUp.trim() === '')
    throw new UsageError(
      'The follow-up question is blank: give its text, e.g. --follow-up "Why not escalate it?".',
    );
  if (section)
    throw new UsageError('--section grades a part of a STAR answer; it cannot go with --follow-up.');
  if (level || lens)
    throw new UsageError('--level and --lens grade a STAR answer; they cannot go with --follow-up.');
  return { ...result, followUp: followUp.trim() };
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      question: { type: 'string', short: 'q' },
      section: { type: 'string' },
      level: { type: 'string' },
      lens: { type: 'string' },
      json: { type: 'boolean' },
      'follow-up': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function readAnswer(source: string, io: GradeIo): Promise<string> {
  if (source === '-') return io.readStdin();
  try {
    return await io.readFile(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Cannot read "${source}": ${reason}`);
  }
}

/** The JSON shape of a grade: the result without the total, which the per-part seconds add up to. */
export function toJson(result: GradeResult): object {
  return {
    question: result.question,
    rubricVersion: result.rubricVersion,
    sections: result.sections,
    criteria: result.criteria.map((c) => ({
      id: c.id,
      verdict: c.verdict,
      evidence: c.evidence,
      advice: c.advice,
      ...(c.measured ? { measured: c.measured } : {}),
      ...(c.contrast ? { contrast: c.contrast } : {}),
    })),
    overall: result.overall,
    followUps: result.followUps,
  };
}

const VERDICT_TAGS = {
  pass: '[pass]   ',
  partial: '[partial]',
  fail: '[FAIL]   ',
  'n/a': '[n/a]    ',
} as const;
const PART_TITLES: Record<PartName, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
};

/** The readable report: band, timing per part, each criterion with the user's words and the contrast. */
export function renderReport(result: GradeResult, bank: ContentBank, options: GradeOptions): string {
  const question = bank.questions.find((q) => q.id === result.question);
  const lines: string[] = [];
  lines.push(`STAR Coach grade (rubric ${result.rubricVersion})`);
  lines.push(
    question ? `Question: ${question.id} - ${question.question}` : 'Question: none (general rubric)',
  );
  const context = [`level ${options.level ?? 'mid'}`, ...(options.lens ? [`lens ${options.lens}`] : [])];
  if (options.section) context.push(`section ${options.section} only`);
  lines.push(`Graded as: ${context.join(', ')}`);
  lines.push('');
  lines.push(
    `Overall: ${result.overall.band.replace(/-/g, ' ').toUpperCase()} (${result.overall.score}/100)`,
  );
  lines.push('');
  lines.push('Timing at 150 words a minute:');
  for (const part of PART_NAMES) {
    const stats = result.sections[part];
    if (!stats) continue;
    const target = question?.parts[part].targetSeconds ?? DEFAULT_TARGETS[part];
    lines.push(
      `  ${PART_TITLES[part].padEnd(11)} ${String(stats.seconds).padStart(4)} s   (target ${target} s, ${stats.words} words)`,
    );
  }
  lines.push(`  ${'Total'.padEnd(11)} ${formatSeconds(result.totalSeconds)}`);
  lines.push('');
  lines.push('Criteria:');
  for (const c of result.criteria) {
    lines.push(`  ${VERDICT_TAGS[c.verdict]} ${CRITERIA[c.id].title}`);
    if (c.verdict === 'n/a') continue;
    for (const e of c.evidence) lines.push(`              > ${e}`);
    if (c.measured) lines.push(`              (${c.measured})`);
    if (c.advice) lines.push(`              ${c.advice}`);
    if (c.contrast) {
      lines.push(`              Weak:   ${c.contrast.bad.replace(/\s+/g, ' ')}`);
      lines.push(`              Why:    ${c.contrast.why.replace(/\s+/g, ' ')}`);
      lines.push(`              Strong: ${c.contrast.good.replace(/\s+/g, ' ')}`);
    }
  }
  if (result.followUps.length > 0) {
    lines.push('');
    lines.push('Follow-up questions to expect:');
    result.followUps.forEach((f, i) => {
      lines.push(`  ${i + 1}. ${f.question}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** The `grade` command: exit 0 when graded, 2 for bad input (flags, question, section, file, empty text). */
export async function runGrade(argv: string[], io: GradeIo, bank: ContentBank): Promise<number> {
  try {
    const parsed = parse(argv, bank);
    if (parsed.help) {
      io.out(`${GRADE_USAGE}\n`);
      return EXIT_OK;
    }
    const text = await readAnswer(parsed.source, io);
    if (parsed.followUp !== undefined) {
      if (text.trim() === '') throw new UsageError('Nothing to grade: the reply is empty.');
      const questionId = parsed.options.questionId ?? null;
      io.out(gradeFollowUpCommand(bank, parsed.followUp, text, questionId, parsed.json));
      return EXIT_OK;
    }
    if (text.trim() === '') throw new UsageError('Nothing to grade: the answer is empty.');
    const result = grade(text, bank, parsed.options);
    io.out(parsed.json ? `${JSON.stringify(toJson(result))}\n` : renderReport(result, bank, parsed.options));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RubricInputError) {
      io.err(`${error.message}\n${GRADE_USAGE.split('\n').slice(0, 2).join('\n')}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
