import { checkAgreement } from '../content/agreement.ts';
import { checkBank } from '../content/check.ts';
import { type ContentBank, ContentError } from '../content/load.ts';

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
    `Content OK: ${bank.principles.length} principles, ${bank.questions.length} questions; every example agrees with the rubric.\n`,
  );
  return 0;
}
