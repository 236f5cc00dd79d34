import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resumeMessages, step } from '../../src/coach/engine.ts';
import { message } from '../../src/coach/messages.ts';
import { SCORES_SHOWN } from '../../src/coach/score-view.ts';
import { startSession } from '../../src/coach/start.ts';
import type { MessagePart, OutgoingMessage, SessionState } from '../../src/coach/types.ts';
import { CRITERION_IDS, type CriterionId, PART_NAMES } from '../../src/content/schema.ts';
import { renderConflict, renderHelp, renderList, renderUnknown } from '../../src/slack/render/commands.ts';
import { renderHome } from '../../src/slack/render/home.ts';
import { clip, clipEscaped, escapeText, LIMITS, quoteUser } from '../../src/slack/render/limits.ts';
import { renderMessage } from '../../src/slack/render/message.ts';
import { renderProgress } from '../../src/slack/render/progress.ts';
import type { Progress } from '../../src/store/types.ts';
import { blockKitProblems, UNESCAPED_MENTION } from '../helpers/block-kit-limits.ts';
import { bank } from '../helpers/slack-app.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const NOW = Date.UTC(2026, 10, 26, 9);
const PING = 'Hey <!channel> and <@U999> see <#C123|general> & <https://evil.example|click>';
const HUGE = `${'We fixed it together and the team was happy. '.repeat(900)}${PING}`;

/** Every message a whole session produces, from weak, pinging and enormous answers. */
function sessionMessages(answers: string[]): OutgoingMessage[] {
  const started = startSession(
    bank,
    {
      selector: { kind: 'question', questionId: seed.id },
      level: 'senior',
      lens: 'technical',
      recommendedPrincipleId: 'dive-deep',
      recentQuestionIds: [],
    },
    NOW,
  );
  if (!started.ok) throw new Error(started.error);
  const all = [...started.messages];
  let state: SessionState = started.state;
  const inputs = [
    ...answers,
    'back',
    'status',
    'hint',
    'nonsense answer for follow-up',
    'skip',
    'skip',
    'skip',
    'skip',
  ];
  inputs.forEach((text, i) => {
    const out = step(bank, state, { kind: 'message', text, messageId: `m${i}` }, NOW + i);
    all.push(...out.messages);
    state = out.state;
  });
  all.push(...step(bank, state, { kind: 'choice', choice: 'show-example' }, NOW + 99).messages);
  all.push(...resumeMessages(bank, state));
  return all;
}

function expectWithinLimits(
  rendered: { text: string; blocks: unknown[] },
  maxBlocks: number = LIMITS.messageBlocks,
) {
  expect(blockKitProblems(rendered.blocks, maxBlocks)).toEqual([]);
  expect(rendered.text.length).toBeGreaterThan(0);
  expect(rendered.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
}

const progress: Progress = {
  sessionsCompleted: 4,
  sessionsThisWeek: 2,
  streakDays: 3,
  criterionPassRates: {},
  recommendedPrincipleId: 'ownership',
  principles: bank.principles.map((p, i) => ({
    principleId: p.id,
    practised: i % 3 === 0,
    sessions: i % 3 === 0 ? i : 0,
    bestBand:
      i % 3 === 0
        ? (['strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined'] as const)[i % 4]!
        : null,
    lastBand: null,
    lastPractisedAt: null,
  })),
};

describe('rendering coaching messages', () => {
  const weak = PART_NAMES.map((p) => seed.parts[p].bad);
  const pinging = PART_NAMES.map(() => PING);
  const huge = PART_NAMES.map(() => HUGE);

  it.each([
    ['weak answers', weak],
    ['answers that try to ping people', pinging],
    ['40 000-character answers', huge],
  ])('keeps every message of a session with %s within Block Kit limits', (_name, answers) => {
    const messages = sessionMessages(answers);
    const kinds = new Set(messages.flatMap((m) => m.parts.map((p) => p.kind)));
    expect(kinds).toEqual(
      new Set([
        'question',
        'info',
        'prompt',
        'feedback',
        'follow-up',
        'status',
        'example',
        'summary',
        'choices',
        ...kinds,
      ]),
    );
    for (const m of messages) expectWithinLimits(renderMessage(m));
  });

  it('covers every message part kind, including the rare ones', () => {
    const rare: MessagePart[] = [
      { kind: 'nudge', part: 'situation', text: 'about 90 s spoken', criterion: 'situation-concise' },
      {
        kind: 'contrast',
        criterion: 'first-person',
        title: 'Your own actions',
        contrast: { ...seed.parts.action, source: 'part' },
      },
      {
        kind: 'follow-up-verdict',
        id: 'x',
        verdict: 'partial',
        evidence: [HUGE],
        advice: 'Say what you did.',
      },
      { kind: 'error', text: 'That message was empty.' },
      { kind: 'choices', choices: [{ id: 'retry', label: 'Retry this question' }] },
    ];
    const twoRows = message(
      { kind: 'choices', choices: [{ id: 'skip-follow-up', label: 'Skip' }] },
      { kind: 'choices', choices: [{ id: 'next', label: 'Next' }] },
    );
    expectWithinLimits(renderMessage(twoRows));
    for (const part of rare) expectWithinLimits(renderMessage(message(part)));
  });

  it('escapes user text so nobody is pinged, in blocks and in the fallback', () => {
    for (const m of sessionMessages(PART_NAMES.map(() => PING))) {
      const rendered = renderMessage(m);
      // Every "<" the user typed arrives as "&lt;": no mention, channel link or URL can form.
      expect(rendered.text).not.toMatch(UNESCAPED_MENTION);
      expect(JSON.stringify(rendered.blocks)).not.toContain('<');
    }
    const feedback = renderMessage(
      message({
        kind: 'follow-up-verdict',
        id: 'x',
        verdict: 'fail',
        evidence: [PING],
        advice: 'Be specific.',
      }),
    );
    expect(JSON.stringify(feedback.blocks)).toContain('&lt;!channel&gt;');
  });

  it('quotes user words shortened at a word boundary, with a visible cut', () => {
    const quoted = quoteUser(HUGE);
    expect(quoted.length).toBeLessThan(LIMITS.quotedWords + 80);
    expect(quoted.startsWith('“')).toBe(true);
    expect(quoted).toMatch(/…”$/);
  });

  it('shows the per-part seconds, the band, and each issue with the words quoted', () => {
    const part: MessagePart = {
      kind: 'feedback',
      band: 'not-inclined',
      score: 41,
      seconds: { situation: 95, action: 20 },
      totalSeconds: 115,
      issues: [
        {
          criterion: 'first-person',
          title: 'Your own actions',
          verdict: 'fail',
          evidence: ['we fixed it together'],
          advice: 'Say I.',
        },
        {
          criterion: 'answer-length',
          title: 'A 1.5 to 3 minute answer',
          verdict: 'partial',
          evidence: [],
          advice: 'Aim for about 2 minutes.',
          measured: 'About 1 min 5 s spoken (162 words)',
        },
      ],
      strengths: [],
    };
    const text = JSON.stringify(renderMessage(message(part)).blocks);
    expect(text).toContain('Not inclined');
    expect(text).toContain('Situation 95 s');
    expect(text).toContain('Action 20 s');
    expect(text).toContain('You said: “we fixed it together”');
    expect(text).toContain('_Measured: About 1 min 5 s spoken (162 words)_');
    expect(text).not.toContain('You said: “About');
  });

  it('holds to 50 blocks and 3 000 characters for arbitrary parts', () => {
    const text = fc.string({ maxLength: 4000 });
    const partArb: fc.Arbitrary<MessagePart> = fc.oneof(
      fc.record({ kind: fc.constant('info' as const), text }),
      fc.record({ kind: fc.constant('error' as const), text }),
      fc.record({ kind: fc.constant('status' as const), text }),
      fc.record({ kind: fc.constant('example' as const), part: fc.constantFrom(...PART_NAMES), text }),
      fc.record({ kind: fc.constant('nudge' as const), part: fc.constantFrom(...PART_NAMES), text }),
      fc.record({
        kind: fc.constant('question' as const),
        principle: text,
        question: text,
        questionId: fc.string({ maxLength: 100 }),
      }),
      fc.record({
        kind: fc.constant('follow-up-verdict' as const),
        id: fc.string(),
        verdict: fc.constantFrom('pass' as const, 'partial' as const, 'fail' as const, 'n/a' as const),
        evidence: fc.array(text, { maxLength: 4 }),
        advice: text,
      }),
      fc.record({
        kind: fc.constant('feedback' as const),
        band: fc.constantFrom('strongly-not-inclined' as const, 'inclined' as const),
        score: fc.integer({ min: 0, max: 100 }),
        seconds: fc.record({ situation: fc.integer({ min: 0, max: 999 }) }),
        totalSeconds: fc.integer({ min: 0, max: 999 }),
        issues: fc.array(
          fc.record({
            criterion: fc.constantFrom(...CRITERION_IDS),
            title: text,
            verdict: fc.constantFrom('fail' as const, 'partial' as const),
            evidence: fc.array(text, { maxLength: 3 }),
            advice: text,
            measured: fc.option(text, { nil: undefined }),
          }),
          { maxLength: 12 },
        ),
        strengths: fc.constant<{ criterion: CriterionId; title: string; evidence: string[] }[]>([]),
      }),
    );
    fc.assert(
      fc.property(fc.array(partArb, { minLength: 1, maxLength: 60 }), (parts) => {
        expectWithinLimits(renderMessage(message(...parts)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('rendering command replies and the Home tab', () => {
  it('keeps list, help, unknown, conflict and progress replies within limits', () => {
    expectWithinLimits(renderList(bank));
    expectWithinLimits(renderHelp());
    expectWithinLimits(renderUnknown(HUGE, 'dive-deep'));
    expectWithinLimits(
      renderConflict(seed.question, { kind: 'principle', principleId: 'ownership' }, 'an Ownership question'),
    );
    expectWithinLimits(
      renderProgress(bank, { progress, level: 'senior', lens: 'technical', scores: SCORES_SHOWN }),
    );
  });

  it('puts all 16 principles on the Home tab with a bar, a start button, level and lens buttons', () => {
    const view = renderHome(bank, { progress, level: 'junior', lens: null, scores: SCORES_SHOWN });
    expect(view.type).toBe('home');
    expect(blockKitProblems(view.blocks, LIMITS.viewBlocks)).toEqual([]);
    const json = JSON.stringify(view.blocks);
    for (const p of bank.principles) expect(json).toContain(p.name.replace(/’/g, '’'));
    expect(json).toContain('🟩');
    expect(json).toContain('home.level.senior');
    expect(json).toContain('home.lens.technical');
    expect(json).toContain('Streak');
    expect(json).toMatch(/Recommended next:\* Ownership/);
  });
});

describe('limits helpers', () => {
  it('clips at a word boundary and never splits an escaped entity', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('alpha beta gamma delta', 20)).toBe('alpha beta gamma…');
    expect(clip('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghi…');
    const escaped = escapeText(`${'a'.repeat(2995)}&&&&&&&&`);
    const clipped = clipEscaped(escaped, 3000);
    expect(clipped.length).toBeLessThanOrEqual(3000);
    expect(clipped).toMatch(/(&amp;|a)…$/);
  });
});
