import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The validated question bank, kept between starts. Parsing the YAML and validating it with zod is most of the
 * app's start-up work, and its result only changes when a content file or the code that validates it does: so it
 * is stored as JSON under a hash of both, and a start whose files hash the same reads it back instead.
 */
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../.cache/', import.meta.url));
/**
 * One file per form of the code: the build (`npm start`) and the TypeScript source (tests, the terminal through
 * tsx) hash different validating files, and with one shared file each would throw the other's entry away, so a
 * start after a test run validated the whole bank again.
 */
export const CACHE_FILE = import.meta.url.endsWith('.js') ? 'content-build.json' : 'content-source.json';

/** Every file under `dir` (hidden ones too: a file the loader reads must never be left out), sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of every file's path and bytes under the content folder, and of the validating code's files. */
export function contentKey(root: string, codeFiles: string[]): string {
  const hash = createHash('sha256');
  for (const file of codeFiles) hash.update(readFileSync(file)).update('\0');
  for (const file of filesUnder(root))
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export function readCached<T>(dir: string, key: string): T | undefined {
  try {
    const cached = JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8')) as { key: string; value: T };
    return cached.key === key ? cached.value : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install simply validates at every start. Written aside, then renamed: never torn. */
export function writeCached(dir: string, key: string, value: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `${CACHE_FILE}.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(temp, JSON.stringify({ key, value }));
    renameSync(temp, join(dir, CACHE_FILE));
  } catch {
    // Not cached; nothing depends on it.
  }
}
