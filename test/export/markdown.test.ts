import { describe, expect, it } from 'vitest';
import { viewStory } from '../../src/coach/stories.ts';
import { exportMarkdown } from '../../src/export/markdown.ts';
import { bank, NOW, run, say, seed, started } from '../coach/fixtures.ts';

const record = (state: ReturnType<typeof started>, id = 's1') => ({
  workspaceId: 'T1',
  userId: 'U1',
  id,
  questionId: state.questionId,
  principleId: state.principleId,
  source: 'slack' as const,
  status: state.status,
  state,
  createdAt: NOW,
  updatedAt: NOW,
});

describe('exportMarkdown', () => {
  it('writes each question, the answer by part, the feedback and the follow-ups', () => {
    let state = run(
      started(),
      ...[
        seed.parts.situation.good,
        seed.parts.task.good,
        seed.parts.action.bad,
        seed.parts.result.good,
        seed.parts.reflection.good,
      ].map((t) => say(t)),
    );
    state = run(state, say('I flagged it to their lead, then wrote and tested the fix myself.'));
    const md = exportMarkdown(bank, [record(state)], NOW);
    // Grouped by pack, with the pack's coverage: which principles have a story yet.
    expect(md).toContain('\n## Amazon Leadership Principles\n');
    expect(md).toContain(
      'Stories for 1 of 16 Leadership Principles: Dive Deep. Not yet: Customer Obsession,',
    );
    expect(md).toContain(`\n### ${seed.question}\n`);
    expect(md).toContain('\n#### Situation\n');
    expect(md).toContain(`> ${seed.parts.task.good}`);
    expect(md).toMatch(/\n#### Feedback: .+\(\d+\/100\)/);
    expect(md).toContain('- **first-person**: fail');
    expect(md).toContain('\n#### Follow-up questions\n');
    expect(md).toContain('> I flagged it to their lead');
    expect(md).toContain('2026-11-26');
  });

  it('keeps user Markdown from breaking the document', () => {
    const state = run(started(), say('# not a heading\n---\nsecond line'));
    const md = exportMarkdown(bank, [record(state)], NOW);
    expect(md).toContain('> # not a heading\n> ---\n> second line');
  });

  it('says so when there is nothing yet', () => {
    expect(exportMarkdown(bank, [], NOW)).toContain('Nothing practised yet.');
  });
});

describe('exportMarkdown with stories', () => {
  it('lists each story with its principles, best band, versions and weakest criteria before the sessions', () => {
    const state = run(
      started(),
      ...[
        seed.parts.situation.good,
        seed.parts.task.good,
        seed.parts.action.bad,
        seed.parts.result.good,
        seed.parts.reflection.good,
      ].map((t) => say(t)),
    );
    const story = viewStory(
      {
        id: 'story-s1',
        number: 1,
        title: 'The lost *webhooks*',
        tags: ['earn-trust'],
        retiredAt: null,
        createdAt: NOW,
        sessionIds: ['s1'],
      },
      new Map([
        ['s1', { id: 's1', principleId: 'dive-deep', status: 'completed' as const, state, updatedAt: NOW }],
      ]),
    );
    const md = exportMarkdown(bank, [record(state)], NOW, [story]);
    expect(md).toContain('Exported 2026-11-26: 1 story(ies), 1 session(s).');
    expect(md).toContain('## Stories');
    expect(md).toContain('### Story 1: The lost \\*webhooks\\*');
    expect(md).toContain('- Principles: Dive Deep, Earn Trust');
    expect(md).toMatch(/- Best band: .+ \(\d+\/100\)/);
    expect(md).toContain('- Versions: 1, last practised 2026-11-26');
    expect(md).toMatch(/- Weakest: .*I/);
    expect(md.indexOf('## Stories')).toBeLessThan(md.indexOf('## Amazon Leadership Principles'));
  });
});
