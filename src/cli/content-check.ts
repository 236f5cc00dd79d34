import { checkAgreement } from '../content/agreement.ts';
import { checkBank } from '../content/check.ts';
import { type ContentBank, ContentError } from '../content/load.ts';
import { packBank } from '../content/packs.ts';
import { JOB_FAMILY_IDS, type Question } from '../content/schema.ts';

export interface CheckIo {
  out(text: string): void;
  err(text: string): void;
}

/** `npm run content:check`: schema, bank-wide rules, and content-rubric agreement. Returns the exit code. */
export function runContentCheck(load: () => ContentBank, io: CheckIo): number {
  let bank: ContentBank;
  try {
    bank = load();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    io.err(`${error.message}\n`);
    return 1;
  }
  const problems = [
    ...checkBank(bank).map((p) => `${p.file}: ${p.problem}`),
    ...bank.questions.flatMap((q) => checkAgreement(bank, q)),
  ];
  if (problems.length > 0) {
    io.err(`${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  io.out(
    `Content OK: ${bank.packs.length} pack(s), ${bank.principles.length} principles, ${bank.questions.length} questions; every example agrees with the rubric.\n${countsReport(bank)}`,
  );
  return 0;
}

const countOf = (questions: Question[], has: (q: Question) => boolean) => questions.filter(has).length;

/** Questions per pack and per principle, then walkthroughs per job family (all packs, then each pack). */
export function countsReport(bank: ContentBank): string {
  const lines: string[] = [];
  for (const pack of bank.packs) {
    const questions = packBank(bank, pack.id).questions;
    lines.push('', `${pack.name} (${pack.id}): ${questions.length} questions`);
    for (const p of pack.principles)
      lines.push(`  ${p.id}: ${countOf(questions, (q) => q.principle === p.id)}`);
  }
  lines.push('', 'Walkthroughs per job family:');
  for (const family of JOB_FAMILY_IDS) {
    const perPack = bank.packs.map(
      (pack) => `${pack.id} ${countOf(packBank(bank, pack.id).questions, (q) => q.jobFamily === family)}`,
    );
    const total = countOf(bank.questions, (q) => q.jobFamily === family);
    lines.push(`  ${family}: ${total}${bank.packs.length > 1 ? ` (${perPack.join(', ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
