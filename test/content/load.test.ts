import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, contentDir, DEFAULT_CONTENT_DIR, loadContent } from '../../src/content/load.ts';
import {
  packBank,
  packIdFor,
  packOfPrinciple,
  UnknownPackError,
  withDefaultPack,
} from '../../src/content/packs.ts';
import { AMAZON_PACK, bundledQuestion, TempContent } from '../helpers/temp-content.ts';

const problemsOf = (root: string): string[] => {
  try {
    loadContent(root);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  return [];
};

describe('packs', () => {
  let content: TempContent | undefined;
  afterEach(() => content?.remove());

  it('loads the bundled Amazon pack with every principle in it', () => {
    const bank = loadContent();
    expect(bank.packs.map((p) => p.id)).toEqual([AMAZON_PACK, 'core-competencies']);
    expect(bank.packs[0]!.kind.plural).toBe('Leadership Principles');
    expect(bank.packs[0]!.principles).toHaveLength(16);
    expect(bank.principles).toEqual([...bank.packs[0]!.principles, ...bank.packs[1]!.principles]);
    expect(packOfPrinciple(bank, 'dive-deep')?.id).toBe(AMAZON_PACK);
    expect(packOfPrinciple(bank, 'teamwork')?.id).toBe('core-competencies');
  });

  it('discovers a pack from its folder alone, and sees a pack on its own through packBank', () => {
    content = new TempContent({ withBundled: true });
    const seed = bundledQuestion('dive-deep/unexpected-root-cause');
    content
      .pack('test-pack', [{ id: 'test-curiosity', name: 'Curiosity', description: 'Asks why.' }])
      .question('test-pack', { ...seed, id: 'test-curiosity/odd-reading', principle: 'test-curiosity' });
    const bank = loadContent(content.root);
    expect(bank.packs.map((p) => p.id)).toEqual([AMAZON_PACK, 'core-competencies', 'test-pack']);
    expect(bank.questions.some((q) => q.id === 'test-curiosity/odd-reading')).toBe(true);
    const own = packBank(bank, 'test-pack');
    expect(own.principles.map((p) => p.id)).toEqual(['test-curiosity']);
    expect(own.questions.map((q) => q.id)).toEqual(['test-curiosity/odd-reading']);
    const bundled = loadContent();
    expect(packBank(bank, AMAZON_PACK).questions).toHaveLength(
      packBank(bundled, AMAZON_PACK).questions.length,
    );
    expect(bank.questions).toHaveLength(bundled.questions.length + 1);
  });

  it('rejects an unknown job family, naming the file and the field', () => {
    content = new TempContent({ withBundled: true });
    const seed = bundledQuestion('dive-deep/unexpected-root-cause');
    content.question(AMAZON_PACK, { ...seed, id: 'dive-deep/nurse-shift', jobFamily: 'nursing' as never });
    const problems = problemsOf(content.root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^packs\/amazon-leadership-principles\/questions\/dive-deep\/nurse-shift\.yaml: jobFamily: /,
    );
    expect(problems[0]).toContain('retail');
  });

  it('rejects ids shared between packs, a pack id that differs from its folder, and a pack without pack.yaml', () => {
    content = new TempContent({ withBundled: true });
    const seed = bundledQuestion('dive-deep/unexpected-root-cause');
    content
      .pack('second', [{ id: 'dive-deep', name: 'Dive Deep again', description: 'Duplicate.' }])
      .question('second', seed)
      .write('packs/third/pack.yaml', {
        id: 'other',
        name: 'Third',
        description: 'x',
        kind: { singular: 'a', plural: 'b' },
      })
      .write('packs/third/principles.yaml', { principles: [{ id: 'third-p', name: 'T', description: 'T' }] })
      .write('packs/third/questions/.keep', '')
      .write('packs/fourth/principles.yaml', {
        principles: [{ id: 'fourth-p', name: 'F', description: 'F' }],
      })
      .write('packs/fourth/questions/.keep', '');
    const problems = problemsOf(content.root);
    expect(problems).toContain(
      'packs/second/principles.yaml: principle "dive-deep" is also in pack "amazon-leadership-principles"',
    );
    expect(problems).toContain('question id "dive-deep/unexpected-root-cause" is used more than once');
    expect(problems).toContain('packs/third/pack.yaml: id: must be "third" to match the folder');
    expect(problems.some((p) => p === 'packs/fourth/pack.yaml: file is missing')).toBe(true);
  });

  it('takes DEFAULT_PACK when it names a pack, refuses one that does not, and falls back from a removed choice', () => {
    content = new TempContent({ withBundled: true });
    const seed = bundledQuestion('dive-deep/unexpected-root-cause');
    content
      .pack('test-pack', [{ id: 'test-curiosity', name: 'Curiosity', description: 'Asks why.' }])
      .question('test-pack', { ...seed, id: 'test-curiosity/odd-reading', principle: 'test-curiosity' });
    const bank = loadContent(content.root);
    expect(bank.defaultPack).toBe(AMAZON_PACK);
    expect(withDefaultPack(bank, null).defaultPack).toBe(AMAZON_PACK);
    const configured = withDefaultPack(bank, 'test-pack');
    expect(configured.defaultPack).toBe('test-pack');
    expect(() => withDefaultPack(bank, 'core-competency')).toThrow(UnknownPackError);
    expect(() => withDefaultPack(bank, 'core-competency')).toThrow(
      'DEFAULT_PACK "core-competency" is not a pack in the content: use one of amazon-leadership-principles, core-competencies, test-pack.',
    );
    expect(packIdFor(configured, null)).toBe('test-pack');
    expect(packIdFor(configured, AMAZON_PACK)).toBe(AMAZON_PACK);
    expect(packIdFor(configured, 'a-pack-since-removed')).toBe('test-pack');
  });

  it('reads the content folder from CONTENT_DIR, else the bundled one', () => {
    expect(contentDir({ CONTENT_DIR: '/srv/coach-content' })).toBe('/srv/coach-content');
    expect(contentDir({ CONTENT_DIR: '  ' })).toBe(DEFAULT_CONTENT_DIR);
    expect(contentDir({})).toBe(DEFAULT_CONTENT_DIR);
  });
});
