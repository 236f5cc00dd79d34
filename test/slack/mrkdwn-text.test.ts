import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTextFromSlack } from '../../src/slack/mrkdwn-text.ts';
import { escapeText } from '../../src/slack/render/limits.ts';

describe('escapeText', () => {
  it('defuses plain broadcast words so Slack cannot parse them as mentions', () => {
    expect(escapeText('ping @here, @Channel and @everyone; mail a@heresy.example')).toBe(
      'ping @\u200bhere, @\u200bChannel and @\u200beveryone; mail a@heresy.example',
    );
  });
});

describe('plainTextFromSlack', () => {
  it.each([
    ['R&amp;D cut costs 30% &amp; more', 'R&D cut costs 30% & more'],
    ['latency went 900ms -&gt; 120ms, a &lt;1% error rate', 'latency went 900ms -> 120ms, a <1% error rate'],
    ['&amp;lt; stays as typed', '&lt; stays as typed'],
    ['I paired with <@U0ANA> and <@U0BEN|ben>', 'I paired with @U0ANA and @ben'],
    ['posted in <#C0OPS|ops> and <#C0DEV>', 'posted in #ops and #C0DEV'],
    ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
    ['<!subteam^S0SRE|@sre-team> was paged', '@sre-team was paged'],
    ['on <!date^1700000000^{date}|Nov 14>', 'on Nov 14'],
    [
      'see <https://status.example.com> and <https://x.example/a|the runbook>',
      'see https://status.example.com and the runbook (https://x.example/a)',
    ],
    ['mail <mailto:ana@example.com|ana@example.com>', 'mail ana@example.com'],
    ['no markup at all', 'no markup at all'],
  ])('%s', (slack, typed) => {
    expect(plainTextFromSlack(slack)).toBe(typed);
  });

  it('gives back any text that escaping for Slack produced (but for the zero-width space that defuses @here)', () => {
    const withoutZws = (text: string) => text.replace(/\u200b/g, '');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (typed) => {
        expect(withoutZws(plainTextFromSlack(escapeText(typed)))).toBe(withoutZws(typed));
      }),
      { numRuns: 1_000 },
    );
  });
});
