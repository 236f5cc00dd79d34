import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/practice.ts';
import { COMMANDS, parseCommand, SUBCOMMANDS } from '../../src/slack/command-parser.ts';
import { COMMAND_HELP, renderHelp } from '../../src/slack/render/commands.ts';
import { bank } from '../helpers/slack-app.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const slackTable = README.slice(README.indexOf('### Slack commands'), README.indexOf('## Configuration'));

describe('help lists every command the parser accepts', () => {
  it.each(SUBCOMMANDS)('`%s` is parsed, and named in /star-practice help and in the README table', (name) => {
    expect(parseCommand(name, bank).kind).not.toBe('unknown');
    expect(COMMAND_HELP).toContain(`\`/star-practice ${name}`);
    expect(slackTable).toContain(`\`/star-practice ${name}`);
  });

  it('every alias reaches its command', () => {
    for (const command of COMMANDS) {
      for (const alias of command.aliases) {
        const parsed = parseCommand(alias, bank);
        const kind = parsed.kind === 'invalid' ? parsed.command : parsed.kind;
        expect(kind, alias).toBe(command.name);
      }
    }
  });

  it('includes daily and the story bank commands, within one Slack section', () => {
    for (const word of ['daily on', 'stories', 'story N', 'plan', 'forget-me', 'export'])
      expect(COMMAND_HELP).toContain(`/star-practice ${word}`);
    expect(renderHelp().blocks).toHaveLength(1);
    expect(COMMAND_HELP.length).toBeLessThan(3000);
  });

  it('the terminal usage and README name the story bank options', () => {
    for (const option of ['--stories', '--story N', '--rename', '--tag', '--merge', '--retire', '--plan']) {
      expect(USAGE).toContain(option);
      expect(README).toContain(option);
    }
  });
});

describe('parsing the story bank commands', () => {
  it.each([
    ['stories', { kind: 'stories' }],
    ['Story-bank', { kind: 'stories' }],
    [
      'story 3 rename The Lost Webhooks',
      { kind: 'story', story: '3', action: { kind: 'rename', title: 'The Lost Webhooks' } },
    ],
    [
      'story #2 tag ownership, earn-trust',
      { kind: 'story', story: '2', action: { kind: 'tag', principles: ['ownership, earn-trust'] } },
    ],
    [
      'story 2 untag earn-trust',
      { kind: 'story', story: '2', action: { kind: 'untag', principles: ['earn-trust'] } },
    ],
    ['story 1 merge 4', { kind: 'story', story: '1', action: { kind: 'merge', other: '4' } }],
    ['story 1 RETIRE', { kind: 'story', story: '1', action: { kind: 'retire' } }],
    ['story 1 restore', { kind: 'story', story: '1', action: { kind: 'restore' } }],
    ['plan dive-deep, ownership', { kind: 'plan', input: 'dive-deep, ownership' }],
    ['loop loop-4', { kind: 'plan', input: 'loop-4' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text, bank)).toEqual(expected);
  });

  it('says what is missing from a story command', () => {
    expect(parseCommand('story', bank)).toMatchObject({ kind: 'invalid', command: 'story' });
    expect(parseCommand('story 2', bank)).toMatchObject({
      problem: expect.stringContaining('What should I do with story 2?'),
    });
    expect(parseCommand('story 2 rename', bank)).toMatchObject({
      problem: expect.stringContaining('needs a new title'),
    });
    expect(parseCommand('story 2 retrie', bank)).toMatchObject({ suggestion: 'story 2 retire' });
  });
});
