import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONTENT_DIR } from '../../src/content/load.ts';
import type { Question } from '../../src/content/schema.ts';

export const AMAZON_PACK = 'amazon-leadership-principles';

/** A walkthrough from the bundled Amazon pack, as plain data to copy and change. */
export function bundledQuestion(id: string): Question {
  const file = join(DEFAULT_CONTENT_DIR, 'packs', AMAZON_PACK, 'questions', `${id}.yaml`);
  return parse(readFileSync(file, 'utf8')) as Question;
}

/** A content folder in the temp dir, with or without a copy of the bundled content, that tests add files to. */
export class TempContent {
  readonly root: string;

  constructor(options: { withBundled: boolean }) {
    this.root = mkdtempSync(join(tmpdir(), 'star-content-'));
    if (options.withBundled) cpSync(DEFAULT_CONTENT_DIR, this.root, { recursive: true });
    else cpSync(join(DEFAULT_CONTENT_DIR, 'general.yaml'), join(this.root, 'general.yaml'));
  }

  write(path: string, data: unknown): this {
    const file = join(this.root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof data === 'string' ? data : stringify(data), 'utf8');
    return this;
  }

  /** A pack's pack.yaml and principles.yaml. */
  pack(
    id: string,
    principles: { id: string; name: string; description: string }[],
    kind = { singular: 'Competency', plural: 'Competencies' },
  ): this {
    this.write(`packs/${id}/pack.yaml`, {
      id,
      name: `Test pack ${id}`,
      description: 'A pack made by a test.',
      kind,
    });
    return this.write(`packs/${id}/principles.yaml`, { principles });
  }

  /** A question file at its place: packs/<pack>/questions/<principle>/<slug>.yaml. */
  question(pack: string, question: Question): this {
    return this.write(`packs/${pack}/questions/${question.id}.yaml`, question);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
