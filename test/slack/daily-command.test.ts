import { describe, expect, it } from 'vitest';
import { parseDailyCommand, parseTimeOfDay } from '../../src/slack/daily-command.ts';

describe('parseDailyCommand', () => {
  it.each([
    ['on', { kind: 'on', minutes: null, timeZone: null, days: null }],
    ['on 08:30', { kind: 'on', minutes: 510, timeZone: null, days: null }],
    [
      'on 8:30 Europe/Paris everyday',
      { kind: 'on', minutes: 510, timeZone: 'Europe/Paris', days: 'everyday' },
    ],
    [
      'ON weekdays America/New_York 5pm',
      { kind: 'on', minutes: 1020, timeZone: 'America/New_York', days: 'weekdays' },
    ],
    ['on 9 utc', { kind: 'on', minutes: 540, timeZone: 'UTC', days: null }],
    [
      'on 9:00 pack core-competencies weekdays',
      { kind: 'on', minutes: 540, timeZone: null, days: 'weekdays', pack: 'core-competencies' },
    ],
    ['off', { kind: 'off' }],
    ['status', { kind: 'status' }],
    ['', { kind: 'status' }],
    ['now', { kind: 'now' }],
  ])('%j', (text, expected) => {
    expect(parseDailyCommand(text)).toEqual(expected);
  });

  it.each([
    ['on 25:00', /not a time of day/],
    ['on 9:75', /not a time of day/],
    ['on 13pm', /not a time of day/],
    ['on 09:00 Mars/Olympus_Mons', /not a time zone I know/],
    ['on 09:00 fortnightly', /I don't understand `fortnightly`/],
    ['stauts', /Did you mean `daily status`\?/],
  ])('rejects %j with a way to fix it', (text, problem) => {
    const parsed = parseDailyCommand(text);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.problem).toMatch(problem);
  });

  it('reads the common ways of writing a time', () => {
    expect(parseTimeOfDay('09:00')).toBe(540);
    expect(parseTimeOfDay('9.30')).toBe(570);
    expect(parseTimeOfDay('17h15')).toBe(1035);
    expect(parseTimeOfDay('12am')).toBe(0);
    expect(parseTimeOfDay('12pm')).toBe(720);
    expect(parseTimeOfDay('noon')).toBeUndefined();
  });
});
