import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  type GeneralGuide,
  generalFileSchema,
  type Principle,
  principlesFileSchema,
  type Question,
  questionSchema,
} from './schema.ts';

export interface ContentBank {
  principles: Principle[];
  questions: Question[];
  general: GeneralGuide;
}

/** Content that failed to load; the message names the file, the field path and the problem. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Content is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export const DEFAULT_CONTENT_DIR = new URL('../../content/', import.meta.url).pathname;

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

/** Loads and validates every content file; throws ContentError listing every problem found. */
export function loadContent(root: string = DEFAULT_CONTENT_DIR): ContentBank {
  const problems: string[] = [];
  const principlesFile = readYaml(join(root, 'principles.yaml'), root, principlesFileSchema, problems);
  const general = readYaml(join(root, 'general.yaml'), root, generalFileSchema, problems);
  const principles = principlesFile?.principles ?? [];
  const principleIds = new Set(principles.map((p) => p.id));
  if (principleIds.size !== principles.length)
    problems.push('principles.yaml: principles: ids must be unique');

  const questions: Question[] = [];
  const questionsDir = join(root, 'questions');
  let folders: string[] = [];
  try {
    folders = readdirSync(questionsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    problems.push('questions/: folder is missing');
  }
  for (const folder of folders) {
    for (const file of listYaml(join(questionsDir, folder))) {
      const q = readYaml(file, root, questionSchema, problems);
      if (!q) continue;
      checkQuestion(q, file, root, principleIds, problems);
      questions.push(q);
    }
  }
  if (problems.length > 0 || !general) throw new ContentError(problems);
  return { principles, questions, general };
}
