import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../src/content/cache.ts';
import { ContentError, DEFAULT_CONTENT_DIR, loadContent } from '../../src/content/load.ts';

let dir: string;
let root: string;
let cacheDir: string;
const QUESTION = 'packs/amazon-leadership-principles/questions/dive-deep/unexpected-root-cause.yaml';
const cacheFile = () => join(cacheDir, CACHE_FILE);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'star-content-'));
  root = join(dir, 'content');
  cacheDir = join(dir, 'cache');
  cpSync(DEFAULT_CONTENT_DIR, root, { recursive: true });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the validated-content cache', () => {
  it('stores the validated bank and gives back an equal one', () => {
    const fresh = loadContent(root, { cacheDir });
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8')).value).toEqual(fresh);
    expect(loadContent(root, { cacheDir })).toEqual(fresh);
    expect(loadContent(root, { cacheDir: null })).toEqual(fresh);
  });

  it('is what a second load reads while the files are unchanged', () => {
    loadContent(root, { cacheDir });
    const cached = JSON.parse(readFileSync(cacheFile(), 'utf8'));
    cached.value.questions[0].question = 'Read from the cache?';
    writeFileSync(cacheFile(), JSON.stringify(cached));
    expect(loadContent(root, { cacheDir }).questions[0]!.question).toBe('Read from the cache?');
  });

  it('is not used once a content file changes, and is replaced', () => {
    loadContent(root, { cacheDir });
    const file = join(root, QUESTION);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /^question: .*$/m,
        'question: Tell me about a root cause you dug out.',
      ),
    );
    const edited = loadContent(root, { cacheDir });
    const question = edited.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
    expect(question.question).toBe('Tell me about a root cause you dug out.');
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8')).value).toEqual(edited);
  });

  it('never hides a content error behind an earlier valid bank', () => {
    loadContent(root, { cacheDir });
    writeFileSync(join(root, QUESTION), 'question: [unclosed');
    expect(() => loadContent(root, { cacheDir })).toThrow(ContentError);
  });

  it('a corrupt cache file is ignored and rewritten', () => {
    const fresh = loadContent(root, { cacheDir });
    writeFileSync(cacheFile(), '{"key": "truncat');
    expect(loadContent(root, { cacheDir })).toEqual(fresh);
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8')).value).toEqual(fresh);
  });

  it('an unwritable cache folder only means validating every time', () => {
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, '');
    expect(loadContent(root, { cacheDir: blocked }).questions.length).toBeGreaterThan(0);
  });
});
