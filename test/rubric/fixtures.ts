import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type ContentBank, DEFAULT_CONTENT_DIR } from '../../src/content/load.ts';
import {
  followUpKindsFileSchema,
  generalFileSchema,
  packFileSchema,
  principlesFileSchema,
  questionSchema,
} from '../../src/content/schema.ts';
import { compileRules, type FollowUpRules } from '../../src/rubric/follow-up-kinds.ts';

export const SEED_QUESTION = 'dive-deep/unexpected-root-cause';

const AMAZON = 'packs/amazon-leadership-principles';
const read = (path: string): unknown => parse(readFileSync(join(DEFAULT_CONTENT_DIR, path), 'utf8'));

/**
 * A content bank with the general guide and only the named questions, read straight from content/: rubric
 * unit tests do not depend on the rest of a growing question bank.
 */
export function bankWith(questionIds: readonly string[] = [SEED_QUESTION]): ContentBank {
  const principles = principlesFileSchema.parse(read(`${AMAZON}/principles.yaml`)).principles;
  return {
    packs: [{ ...packFileSchema.parse(read(`${AMAZON}/pack.yaml`)), principles }],
    defaultPack: 'amazon-leadership-principles',
    principles,
    general: generalFileSchema.parse(read('general.yaml')),
    followUpKinds: kindsFile(),
    questions: [...new Set(questionIds)].map((id) =>
      questionSchema.parse(read(`${AMAZON}/questions/${id}.yaml`)),
    ),
  };
}

let kinds: ContentBank['followUpKinds'] | undefined;
const kindsFile = () => {
  kinds ??= followUpKindsFileSchema.parse(read('follow-up-kinds.yaml'));
  return kinds;
};

/** The bundled follow-up rules, compiled as the app compiles them from the loaded bank. */
export const followUpRules = (): FollowUpRules => compileRules(kindsFile());
