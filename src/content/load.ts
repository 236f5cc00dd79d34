import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { contentKey, DEFAULT_CACHE_DIR, readCached, writeCached } from './cache.ts';
import {
  type FollowUpKindsFile,
  followUpKindsFileSchema,
  type GeneralGuide,
  generalFileSchema,
  type PackInfo,
  type Principle,
  packFileSchema,
  principlesFileSchema,
  type Question,
  questionSchema,
} from './schema.ts';

/** One pack of questions: its own principles (or competencies) and the walkthroughs for them. */
export interface Pack extends PackInfo {
  principles: Principle[];
}

/**
 * Every pack's content. `principles` and `questions` hold all packs' (ids are unique across packs, so stored
 * sessions name exactly one); `packs` says which principles belong to which pack.
 */
export interface ContentBank {
  packs: Pack[];
  principles: Principle[];
  questions: Question[];
  general: GeneralGuide;
  /** How follow-up replies are read (follow-up-kinds.yaml), validated; the rubric compiles it. */
  followUpKinds: FollowUpKindsFile;
  /** The pack people practise unless they choose another: DEFAULT_PACK, else the Amazon pack, else the first. */
  defaultPack: string;
}

/** Content that failed to load; the message names the file, the field path and the problem. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Content is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export const AMAZON_PACK_ID = 'amazon-leadership-principles';

export const DEFAULT_CONTENT_DIR = new URL('../../content/', import.meta.url).pathname;
export const FOLLOW_UP_KINDS = 'follow-up-kinds.yaml';
/** The bundled follow-up kinds: used by a content folder that has no follow-up-kinds.yaml of its own. */
const BUNDLED_FOLLOW_UP_KINDS = join(DEFAULT_CONTENT_DIR, FOLLOW_UP_KINDS);

/** The content folder: CONTENT_DIR when set (a coach's own packs), else the bundled content/. */
export function contentDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CONTENT_DIR?.trim() || DEFAULT_CONTENT_DIR;
}

function formatPath(path: PropertyKey[]): string {
  return path.length === 0
    ? '(root)'
    : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');
}

function readYaml<S extends z.ZodType>(
  file: string,
  root: string,
  schema: S,
  problems: string[],
): z.infer<S> | undefined {
  const name = relative(root, file);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      problems.push(`${name}: file is missing`);
      return undefined;
    }
    problems.push(`${name}: cannot read YAML: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues)
      problems.push(`${name}: ${formatPath(issue.path)}: ${issue.message}`);
    return undefined;
  }
  return result.data;
}

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(dir, e.name))
    .sort();
}

function checkQuestion(
  q: Question,
  file: string,
  root: string,
  principleIds: Set<string>,
  problems: string[],
) {
  const name = relative(root, file);
  const folder = basename(join(file, '..'));
  const slug = basename(file, '.yaml');
  if (q.id !== `${folder}/${slug}`)
    problems.push(`${name}: id: must be "${folder}/${slug}" to match the file path`);
  if (q.principle !== folder) problems.push(`${name}: principle: must be "${folder}" to match the folder`);
  if (!principleIds.has(q.principle)) problems.push(`${name}: principle: unknown principle "${q.principle}"`);
  const seen = new Set<string>();
  q.followUps.forEach((f, i) => {
    if (seen.has(f.id)) problems.push(`${name}: followUps.[${i}].id: duplicate follow-up id "${f.id}"`);
    seen.add(f.id);
  });
}

function listFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** One pack folder: pack.yaml, principles.yaml and questions/<principle>/<slug>.yaml. */
function loadPack(
  root: string,
  folder: string,
  problems: string[],
): { pack: Pack; questions: Question[] } | undefined {
  const dir = join(root, 'packs', folder);
  const info = readYaml(join(dir, 'pack.yaml'), root, packFileSchema, problems);
  const principlesFile = readYaml(join(dir, 'principles.yaml'), root, principlesFileSchema, problems);
  if (info && info.id !== folder)
    problems.push(`packs/${folder}/pack.yaml: id: must be "${folder}" to match the folder`);
  const principles = principlesFile?.principles ?? [];
  const principleIds = new Set(principles.map((p) => p.id));
  if (principleIds.size !== principles.length)
    problems.push(`packs/${folder}/principles.yaml: principles: ids must be unique`);
  const questions: Question[] = [];
  const questionsDir = join(dir, 'questions');
  let principleFolders: string[] = [];
  try {
    principleFolders = listFolders(questionsDir);
  } catch {
    problems.push(`packs/${folder}/questions/: folder is missing`);
  }
  for (const principleFolder of principleFolders) {
    for (const file of listYaml(join(questionsDir, principleFolder))) {
      const q = readYaml(file, root, questionSchema, problems);
      if (!q) continue;
      checkQuestion(q, file, root, principleIds, problems);
      questions.push(q);
    }
  }
  if (!info) return undefined;
  return { pack: { ...info, principles }, questions };
}

/** Ids that more than one pack uses: saved sessions name principles and questions by id alone. */
function checkUniqueAcrossPacks(packs: Pack[], questions: Question[], problems: string[]) {
  const owner = new Map<string, string>();
  for (const pack of packs) {
    for (const p of pack.principles) {
      const other = owner.get(p.id);
      if (other)
        problems.push(`packs/${pack.id}/principles.yaml: principle "${p.id}" is also in pack "${other}"`);
      else owner.set(p.id, pack.id);
    }
  }
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.id)) problems.push(`question id "${q.id}" is used more than once`);
    seen.add(q.id);
  }
}

export interface LoadOptions {
  /** Folder of the validated-content cache (see cache.ts); null never caches. */
  cacheDir?: string | null;
}

/**
 * The code that decides what a valid bank is, compiled or not, and the bundled follow-up kinds a folder without
 * its own falls back to: a change to any of them must not reuse an older result.
 */
const VALIDATOR_FILES = [
  ...['load', 'schema', 'cache'].map((name) =>
    fileURLToPath(new URL(`./${name}${extname(import.meta.url)}`, import.meta.url)),
  ),
  BUNDLED_FOLLOW_UP_KINDS,
];

/**
 * Loads and validates every pack under `root`/packs and the shared general.yaml; throws ContentError listing
 * every problem. The app's own content folder (no `root` given) goes through the validated-content cache: a bank
 * validated before from the very same files, by the same code, is read back instead. Elsewhere only with
 * `cacheDir`.
 */
export function loadContent(root?: string, options: LoadOptions = {}): ContentBank {
  const folder = root ?? contentDir();
  const cacheDir =
    options.cacheDir !== undefined ? options.cacheDir : root === undefined ? DEFAULT_CACHE_DIR : null;
  if (cacheDir === null) return validateContent(folder);
  let key: string | undefined;
  try {
    key = contentKey(folder, VALIDATOR_FILES);
  } catch {
    // An unreadable folder: validating says what is wrong, in the words of every other content problem.
    return validateContent(folder);
  }
  const cached = readCached<ContentBank>(cacheDir, key);
  if (cached) return cached;
  const bank = validateContent(folder);
  writeCached(cacheDir, key, bank);
  return bank;
}

/** The folder's follow-up-kinds.yaml, else the bundled one (a coach's own packs need not redefine it). */
function loadFollowUpKinds(root: string, problems: string[]): FollowUpKindsFile | undefined {
  const own = join(root, FOLLOW_UP_KINDS);
  const file = existsSync(own) ? own : BUNDLED_FOLLOW_UP_KINDS;
  const kinds = readYaml(
    file,
    existsSync(own) ? root : DEFAULT_CONTENT_DIR,
    followUpKindsFileSchema,
    problems,
  );
  if (!kinds) return undefined;
  const seen = new Set<string>();
  kinds.kinds.forEach((kind, i) => {
    if (seen.has(kind.id)) problems.push(`${FOLLOW_UP_KINDS}: kinds.[${i}].id: duplicate id "${kind.id}"`);
    seen.add(kind.id);
  });
  return kinds;
}

/** Loads and validates every pack under `root`/packs and the shared general.yaml; throws ContentError listing every problem. */
function validateContent(root: string): ContentBank {
  const problems: string[] = [];
  const general = readYaml(join(root, 'general.yaml'), root, generalFileSchema, problems);
  const followUpKinds = loadFollowUpKinds(root, problems);
  let folders: string[] = [];
  try {
    folders = listFolders(join(root, 'packs'));
  } catch {
    problems.push('packs/: folder is missing');
  }
  if (folders.length === 0 && problems.length === 0) problems.push('packs/: there are no packs');
  const packs: Pack[] = [];
  const questions: Question[] = [];
  for (const folder of folders) {
    const loaded = loadPack(root, folder, problems);
    if (!loaded) continue;
    packs.push(loaded.pack);
    questions.push(...loaded.questions);
  }
  checkUniqueAcrossPacks(packs, questions, problems);
  if (problems.length > 0 || !general || !followUpKinds) throw new ContentError(problems);
  const defaultPack = packs.find((p) => p.id === AMAZON_PACK_ID)?.id ?? packs[0]!.id;
  const principles = packs.flatMap((p) => p.principles);
  return { packs, principles, questions, general, followUpKinds, defaultPack };
}
