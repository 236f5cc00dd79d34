import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEndChoice, parseSessionCommand, SESSION_COMMANDS } from '../../src/coach/commands.ts';
import { type CoachInput, resumeMessages, step } from '../../src/coach/engine.ts';
import { SCORES_SHOWN } from '../../src/coach/score-view.ts';
import { freshState } from '../../src/coach/start.ts';
import type { ChoiceId, MessagePart, OutgoingMessage, SessionState } from '../../src/coach/types.ts';
import { CRITERION_IDS, LENS_IDS, LEVELS, PART_NAMES } from '../../src/content/schema.ts';
import type { Band, Verdict } from '../../src/rubric/types.ts';
import { parseCommand, SUBCOMMANDS } from '../../src/slack/command-parser.ts';
import { parseDailyCommand } from '../../src/slack/daily-command.ts';
import { classifyDirectMessage } from '../../src/slack/dm-input.ts';
import { renderConflict, renderUnknown } from '../../src/slack/render/commands.ts';
import { renderHome } from '../../src/slack/render/home.ts';
import { LIMITS } from '../../src/slack/render/limits.ts';
import { type RenderedMessage, renderMessage, renderText } from '../../src/slack/render/message.ts';
import { renderProgress } from '../../src/slack/render/progress.ts';
import type { Progress } from '../../src/store/types.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { bank } from '../helpers/slack-app.ts';

// Property tests over the parsers, the renderers and the coaching engine: nothing throws on any input, and every
// rendered message fits Slack's limits and never turns user text into a mention or a link. Runs add up to
// more than 10 000 cases; the seed is printed by fast-check when a property fails.

const BANDS: Band[] = ['strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined'];
const VERDICTS: Verdict[] = ['pass', 'partial', 'fail', 'n/a'];
const CHOICES: ChoiceId[] = [
  'retry',
  'next',
  'done',
  'show-example',
  'skip-follow-up',
  'abandon-and-start',
  'keep-session',
];
const COMMAND_KINDS = ['start', ...SUBCOMMANDS, 'invalid', 'unknown'];

/** Pieces of text a hostile or careless user might send: Slack markup, entities, odd Unicode, command words. */
const NASTY = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0123ABCD>',
  '<#C0123|general>',
  '<!subteam^S0123>',
  '<https://evil.example|click me>',
  '&lt;!channel&gt;',
  '&amp;',
  '*bold*',
  '`code`',
  '```',
  '> quote',
  '\u0000',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '👩🏽‍💻',
  '🇬🇧',
  'e\u0301',
  '\r\n',
  '\t',
  ' ',
  'dive deep',
  'Dive-Deep!',
  'list',
  'level senior',
  'lens off',
  'daily on 09:00 Europe/London weekdays',
  'stop',
  'help',
  'skip',
  'back',
  'done',
  'constructor',
  '__proto__',
  'toString',
];

const nastyText = (maxLength = 300) =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
      ),
      { maxLength: 30 },
    )
    .map((pieces) => pieces.join(' ').slice(0, maxLength));

/** A ping or a link that survived rendering: `<!…>`, `<@…>`, `<#…>` or `<http…>` unescaped. */
const LIVE_MARKUP = /<[!@#]|<https?:/;

function mrkdwnTexts(blocks: unknown[]): string[] {
  const texts: string[] = [];
  for (const block of blocks as { text?: { type: string; text: string }; elements?: unknown[] }[]) {
    if (block.text?.type === 'mrkdwn') texts.push(block.text.text);
    for (const element of (block.elements ?? []) as { type?: string; text?: unknown }[]) {
      if (element.type === 'mrkdwn' && typeof element.text === 'string') texts.push(element.text);
    }
  }
  return texts;
}

function problemsOf(rendered: RenderedMessage, maxBlocks: number = LIMITS.messageBlocks): string[] {
  const problems = blockKitProblems(rendered.blocks, maxBlocks);
  if (rendered.text.length === 0 || rendered.text.length > LIMITS.fallbackText)
    problems.push(`fallback text length ${rendered.text.length}`);
  for (const text of [rendered.text, ...mrkdwnTexts(rendered.blocks)]) {
    if (LIVE_MARKUP.test(text)) problems.push(`live markup in ${JSON.stringify(text.slice(0, 80))}`);
  }
  return problems;
}

describe('parsers never throw', () => {
  it('parseCommand: any text gives one of the known command kinds (3 000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText(), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const parsed = parseCommand(text, bank);
        expect(COMMAND_KINDS).toContain(parsed.kind);
        if (parsed.kind === 'start' && parsed.selector.kind === 'question')
          expect(bank.questions.map((q) => q.id)).toContain(parsed.selector.questionId);
        if (parsed.kind === 'start' && parsed.selector.kind === 'principle')
          expect(bank.principles.map((p) => p.id)).toContain(parsed.selector.principleId);
      }),
      { numRuns: 3_000 },
    );
  });

  it('parseCommand: a known word with noise around it is still understood (1 000 cases)', () => {
    const word = fc.constantFrom(...SUBCOMMANDS, ...bank.principles.map((p) => p.id));
    const noise = fc.constantFrom('', ' ', '  ', '\t', '\n');
    fc.assert(
      fc.property(word, noise, noise, fc.boolean(), (w, before, after, upper) => {
        const parsed = parseCommand(`${before}${upper ? w.toUpperCase() : w}${after}`, bank);
        expect(parsed.kind).not.toBe('unknown');
      }),
      { numRuns: 1_000 },
    );
  });

  it('parseCommand: a 40 000-character paste (Slack’s longest message) is unknown, with no suggestion', () => {
    const paste = 'I traced the dropped webhooks to a retry queue held only in memory. '.repeat(600);
    expect(parseCommand(paste, bank)).toEqual({ kind: 'unknown', input: paste.trim() });
  });

  it('session words and end choices: any text is a known word or nothing (1 000 cases)', () => {
    fc.assert(
      fc.property(nastyText(60), (text) => {
        const command = parseSessionCommand(text);
        if (command !== undefined) expect(SESSION_COMMANDS).toContain(command);
        const choice = parseEndChoice(text);
        if (choice !== undefined) expect(CHOICES).toContain(choice);
      }),
      { numRuns: 1_000 },
    );
  });

  it('daily subcommands: any argument parses to on, off, status, now or a readable problem (1 000 cases)', () => {
    fc.assert(
      fc.property(nastyText(120), (text) => {
        const parsed = parseDailyCommand(text);
        expect(['on', 'off', 'status', 'now', 'invalid']).toContain(parsed.kind);
        if (parsed.kind === 'invalid') expect(parsed.problem.length).toBeGreaterThan(0);
        if (parsed.kind === 'on' && parsed.minutes !== null) {
          expect(parsed.minutes).toBeGreaterThanOrEqual(0);
          expect(parsed.minutes).toBeLessThan(24 * 60);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('DM events: any JSON, well-formed or not, is classified without throwing (2 000 cases)', () => {
    const loose = fc.record(
      {
        type: fc.oneof(fc.constant('message'), fc.jsonValue()),
        channel: fc.oneof(fc.constant('D0USER'), fc.jsonValue()),
        channel_type: fc.oneof(fc.constantFrom('im', 'channel', 'mpim'), fc.jsonValue()),
        subtype: fc.oneof(
          fc.constantFrom(
            'message_changed',
            'message_deleted',
            'bot_message',
            'file_share',
            'thread_broadcast',
          ),
          fc.jsonValue(),
        ),
        user: fc.oneof(fc.constantFrom('U1', 'U0BOT'), fc.jsonValue()),
        bot_id: fc.jsonValue(),
        text: fc.oneof(nastyText(), fc.jsonValue()),
        ts: fc.oneof(fc.constant('1.2'), fc.jsonValue()),
        client_msg_id: fc.jsonValue(),
        message: fc.oneof(
          fc.record({ user: fc.string(), text: nastyText(), ts: fc.string() }),
          fc.jsonValue(),
        ),
        previous_message: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(loose, fc.anything()), (event) => {
        const input = classifyDirectMessage(event, 'U0BOT');
        expect(['ignore', 'message', 'edit', 'file-only']).toContain(input.kind);
        if (input.kind !== 'ignore') expect(input.userId).not.toBe('U0BOT');
      }),
      { numRuns: 2_000 },
    );
  });
});

const text = nastyText(3_500);
const partArb: fc.Arbitrary<MessagePart> = fc.oneof(
  fc.record({
    kind: fc.constant('question' as const),
    principle: text,
    question: text,
    questionId: fc.string({ maxLength: 300 }),
  }),
  fc.record({
    kind: fc.constant('prompt' as const),
    part: fc.constantFrom(...PART_NAMES),
    tip: text,
    targetSeconds: fc.integer({ min: 0, max: 10_000 }),
  }),
  fc.record({ kind: fc.constant('nudge' as const), part: fc.constantFrom(...PART_NAMES), text }),
  fc.record({
    kind: fc.constant('feedback' as const),
    band: fc.constantFrom(...BANDS),
    score: fc.integer({ min: 0, max: 100 }),
    seconds: fc.dictionary(fc.constantFrom(...PART_NAMES), fc.integer({ min: 0, max: 9_999 })),
    totalSeconds: fc.integer({ min: 0, max: 99_999 }),
    issues: fc.array(
      fc.record({
        criterion: fc.constantFrom(...CRITERION_IDS),
        title: text,
        verdict: fc.constantFrom(...VERDICTS),
        evidence: fc.array(text, { maxLength: 4 }),
        advice: text,
        measured: fc.option(text, { nil: undefined }),
      }),
      { maxLength: 20 },
    ),
    strengths: fc.array(
      fc.record({ criterion: fc.constantFrom(...CRITERION_IDS), title: text, evidence: fc.array(text) }),
      { maxLength: 20 },
    ),
  }),
  fc.record({
    kind: fc.constant('contrast' as const),
    criterion: fc.option(fc.constantFrom(...CRITERION_IDS)),
    title: text,
    contrast: fc.record({
      bad: text,
      why: text,
      good: text,
      source: fc.constantFrom('part' as const, 'follow-up' as const, 'general' as const),
    }),
  }),
  fc.record({
    kind: fc.constant('follow-up' as const),
    id: fc.string(),
    index: fc.nat(50),
    total: fc.nat(50),
    question: text,
  }),
  fc.record({
    kind: fc.constant('follow-up-verdict' as const),
    id: fc.string(),
    verdict: fc.constantFrom(...VERDICTS),
    evidence: fc.array(text, { maxLength: 4 }),
    advice: text,
  }),
  fc.record({ kind: fc.constant('example' as const), part: fc.constantFrom(...PART_NAMES), text }),
  fc.record({
    kind: fc.constant('summary' as const),
    band: fc.constantFrom(...BANDS),
    score: fc.integer({ min: 0, max: 100 }),
    followUpsAnswered: fc.nat(20),
    followUpsTotal: fc.nat(20),
  }),
  fc.record({ kind: fc.constant('status' as const), text }),
  fc.record({ kind: fc.constant('info' as const), text }),
  fc.record({ kind: fc.constant('error' as const), text }),
  fc.record({
    kind: fc.constant('choices' as const),
    // The app's own choices: distinct, labels never empty, sometimes too long for a button.
    choices: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...CHOICES),
        label: fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== ''),
      }),
      { maxLength: 8, selector: (choice) => choice.id },
    ),
  }),
);

describe('rendered messages stay within Slack’s limits', () => {
  it('renderMessage: any coaching message, from 0 to 80 parts (2 000 cases)', () => {
    const messageArb: fc.Arbitrary<OutgoingMessage> = fc.record({
      text: nastyText(50_000),
      parts: fc.array(partArb, { maxLength: 80 }),
    });
    fc.assert(
      fc.property(messageArb, (message) => {
        expect(problemsOf(renderMessage(message))).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('renderText and renderUnknown: any text (1 000 cases)', () => {
    fc.assert(
      fc.property(text, fc.option(fc.string({ maxLength: 300 }), { nil: undefined }), (input, suggestion) => {
        expect(problemsOf(renderText(input))).toEqual([]);
        expect(problemsOf(renderUnknown(input, suggestion))).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });

  it('renderConflict: any question text and selector (500 cases)', () => {
    const selector = fc.oneof(
      fc.record({ kind: fc.constant('question' as const), questionId: fc.string({ maxLength: 300 }) }),
      fc.record({ kind: fc.constant('principle' as const), principleId: fc.string({ maxLength: 300 }) }),
      fc.record({ kind: fc.constant('recommended' as const) }),
    );
    fc.assert(
      fc.property(text, selector, text, (question, chosen, wanted) => {
        expect(problemsOf(renderConflict(question, chosen, wanted))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('renderProgress and the Home tab: any progress figures, level and lens (500 cases)', () => {
    const principleIds = bank.principles.map((p) => p.id);
    const progressArb: fc.Arbitrary<Progress> = fc.record({
      sessionsCompleted: fc.nat(1_000_000),
      sessionsThisWeek: fc.nat(10_000),
      streakDays: fc.nat(100_000),
      recommendedPrincipleId: fc.constantFrom(...principleIds),
      criterionPassRates: fc.constant({}),
      principles: fc.array(
        fc.record({
          principleId: fc.constantFrom(...principleIds),
          practised: fc.boolean(),
          sessions: fc.nat(100_000),
          bestBand: fc.option(fc.constantFrom(...BANDS)),
          lastBand: fc.option(fc.constantFrom(...BANDS)),
          lastPractisedAt: fc.option(fc.nat()),
        }),
        { maxLength: 40 },
      ),
    });
    fc.assert(
      fc.property(
        progressArb,
        fc.constantFrom(...LEVELS),
        fc.option(fc.constantFrom(...LENS_IDS)),
        (progress, level, lens) => {
          const view = { progress, level, lens, scores: SCORES_SHOWN };
          expect(problemsOf(renderProgress(bank, view))).toEqual([]);
          const home = renderHome(bank, view);
          expect(blockKitProblems(home.blocks, LIMITS.viewBlocks)).toEqual([]);
          for (const t of mrkdwnTexts(home.blocks)) expect(t).not.toMatch(LIVE_MARKUP);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the coaching engine', () => {
  const question = fc.constantFrom(...bank.questions);
  const messageIds = fc.option(fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'));

  /** Inputs for one question: its own good and weak answers, session words, end words, and junk. */
  const inputFor = (q: (typeof bank.questions)[number]): fc.Arbitrary<CoachInput> => {
    const answers = PART_NAMES.flatMap((p) => [q.parts[p].good, q.parts[p].bad]);
    const texts = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...answers, ...q.followUps.map((f) => f.good)) },
      { weight: 2, arbitrary: fc.constantFrom(...SESSION_COMMANDS, 'retry', 'next', 'done', '', '  ') },
      { weight: 2, arbitrary: nastyText(200) },
    );
    return fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({ kind: fc.constant('message' as const), text: texts, messageId: messageIds }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('edit' as const),
          messageId: fc.constantFrom('m1', 'm2', 'm3'),
          text: texts,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('choice' as const), choice: fc.constantFrom(...CHOICES) }),
      },
    );
  };

  const scenario = question.chain((q) =>
    fc.record({
      question: fc.constant(q),
      level: fc.constantFrom(...LEVELS),
      lens: fc.option(fc.constantFrom(...LENS_IDS)),
      inputs: fc.array(inputFor(q), { minLength: 1, maxLength: 14 }),
    }),
  );

  function expectSound(state: SessionState, messages: OutgoingMessage[]) {
    expect(['active', 'completed', 'abandoned']).toContain(state.status);
    if (state.step.kind === 'part') expect(PART_NAMES).toContain(state.step.part);
    if (state.step.kind === 'follow-up') {
      expect(state.step.index).toBeGreaterThanOrEqual(0);
      expect(state.step.index).toBeLessThan(state.followUps.length);
    }
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    for (const message of messages) expect(problemsOf(renderMessage(message))).toEqual([]);
  }

  it('never throws on any sequence of inputs, and every reply renders within limits (1 000 cases)', () => {
    fc.assert(
      fc.property(scenario, ({ question: q, level, lens, inputs }) => {
        let state = freshState(q, level, lens, 0);
        inputs.forEach((input, i) => {
          const out = step(bank, state, input, i + 1);
          expectSound(out.state, out.messages);
          for (const answer of out.changes.answers) expect(PART_NAMES).toContain(answer.part);
          if (out.changes.followUpAnswer)
            expect(state.followUps.map((f) => f.id)).toContain(out.changes.followUpAnswer.followUpId);
          state = out.state;
        });
        for (const message of resumeMessages(bank, state))
          expect(problemsOf(renderMessage(message))).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });
});
