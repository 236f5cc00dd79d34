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
