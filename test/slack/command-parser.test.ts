import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/command-parser.ts';
import { bank } from '../helpers/slack-app.ts';

const SEED = 'dive-deep/unexpected-root-cause';
const parse = (text: string) => parseCommand(text, bank);

describe('parseCommand', () => {
  it('starts the recommended question when empty (or only "start")', () => {
    expect(parse('')).toEqual({ kind: 'start', selector: { kind: 'recommended' } });
    expect(parse('   ')).toEqual({ kind: 'start', selector: { kind: 'recommended' } });
    expect(parse('start')).toEqual({ kind: 'start', selector: { kind: 'recommended' } });
  });

  it.each([
    'dive-deep',
    'Dive Deep',
    'DIVE_DEEP!',
    ' dive   deep ',
    'divedeep',
    'start dive deep',
    'practise Dive Deep',
  ])('starts a principle from %j', (text) => {
    expect(parse(text)).toEqual({ kind: 'start', selector: { kind: 'principle', principleId: 'dive-deep' } });
  });

  it('starts an exact question by id, in any case', () => {
    expect(parse(SEED)).toEqual({ kind: 'start', selector: { kind: 'question', questionId: SEED } });
    expect(parse(SEED.toUpperCase())).toEqual({
      kind: 'start',
      selector: { kind: 'question', questionId: SEED },
    });
  });

  it('recognises the subcommands, with or without trailing words', () => {
    expect(parse('list')).toEqual({ kind: 'list' });
    expect(parse('LIST')).toEqual({ kind: 'list' });
    expect(parse('progress')).toEqual({ kind: 'progress' });
    expect(parse('stop')).toEqual({ kind: 'stop' });
    expect(parse('stop please')).toEqual({ kind: 'stop' });
    expect(parse('help')).toEqual({ kind: 'help' });
    expect(parse('/help')).toEqual({ kind: 'help' });
  });

  it('parses levels and rejects unknown ones with a suggestion', () => {
    expect(parse('level junior')).toEqual({ kind: 'level', level: 'junior' });
    expect(parse('level Senior')).toEqual({ kind: 'level', level: 'senior' });
    expect(parse('level MID')).toEqual({ kind: 'level', level: 'mid' });
    expect(parse('level senor')).toMatchObject({
      kind: 'invalid',
      command: 'level',
      suggestion: 'level senior',
    });
    expect(parse('level')).toMatchObject({
      kind: 'invalid',
      command: 'level',
      problem: expect.stringContaining('Which level'),
    });
  });

  it('parses lenses, forgiving about case and spaces, and clears them', () => {
    expect(parse('lens technical')).toEqual({ kind: 'lens', lens: 'technical' });
    expect(parse('lens Hiring Manager')).toEqual({ kind: 'lens', lens: 'hiring-manager' });
    expect(parse('lens senior_leader')).toEqual({ kind: 'lens', lens: 'senior-leader' });
    expect(parse('lens off')).toEqual({ kind: 'lens', lens: null });
    expect(parse('lens none')).toEqual({ kind: 'lens', lens: null });
    expect(parse('lens tecnical')).toMatchObject({
      kind: 'invalid',
      command: 'lens',
      suggestion: 'lens technical',
    });
    expect(parse('lens')).toMatchObject({ kind: 'invalid', command: 'lens' });
  });

  it('parses job families and packs, lists the ids for an unknown one, and clears them', () => {
    expect(parse('family retail')).toEqual({ kind: 'family', family: 'retail' });
    expect(parse('family Customer Support')).toEqual({ kind: 'family', family: 'customer-support' });
    expect(parse('job military_transition')).toEqual({ kind: 'family', family: 'military-transition' });
    expect(parse('family off')).toEqual({ kind: 'family', family: null });
    const unknown = parse('family retial');
    expect(unknown).toMatchObject({ kind: 'invalid', command: 'family', suggestion: 'family retail' });
    const problem = unknown.kind === 'invalid' ? unknown.problem : '';
    expect(problem).toContain('There is no family "retial"');
    expect(problem).toContain('`healthcare`');
    expect(problem).toContain('`students`');
    expect(parse('family')).toMatchObject({ kind: 'invalid', command: 'family', problem: /^Which family\?/ });

    expect(parse('pack amazon-leadership-principles')).toEqual({
      kind: 'pack',
      pack: 'amazon-leadership-principles',
    });
    expect(parse('pack default')).toEqual({ kind: 'pack', pack: null });
    expect(parse('pack amazon')).toMatchObject({
      kind: 'invalid',
      command: 'pack',
      suggestion: 'pack amazon-leadership-principles',
      problem: expect.stringContaining('`amazon-leadership-principles`'),
    });
  });

  it('answers anything else with the closest match', () => {
    expect(parse('dive-dep')).toEqual({ kind: 'unknown', input: 'dive-dep', suggestion: 'dive-deep' });
    expect(parse('progres')).toEqual({ kind: 'unknown', input: 'progres', suggestion: 'progress' });
    expect(parse('customer obsesion')).toMatchObject({ kind: 'unknown', suggestion: 'customer-obsession' });
    // Object property names are not commands (found by the property test below).
    expect(parse('__proto__').kind).toBe('unknown');
    expect(parse('constructor').kind).toBe('unknown');
    const nonsense = parse('what is the weather like');
    expect(nonsense.kind).toBe('unknown');
    expect(nonsense).not.toHaveProperty('suggestion');
  });
});

describe('parseCommand (properties)', () => {
  const KINDS = ['start', 'list', 'progress', 'level', 'lens', 'stop', 'help', 'invalid', 'unknown'];

  it('never throws and always returns a known kind', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(KINDS).toContain(parse(text).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('finds every principle however its name is cased and punctuated', () => {
    const decorate = fc.tuple(
      fc.constantFrom(...bank.principles),
      fc.boolean(),
      fc.constantFrom(' ', '-', '_', '  '),
      fc.constantFrom('', '!', '.', '?'),
    );
    fc.assert(
      fc.property(decorate, ([principle, upper, separator, tail]) => {
        const name = principle.name.split(/\s+/).join(separator) + tail;
        const text = upper ? name.toUpperCase() : name.toLowerCase();
        expect(parse(text)).toEqual({
          kind: 'start',
          selector: { kind: 'principle', principleId: principle.id },
        });
      }),
    );
  });
});
