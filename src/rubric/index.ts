export { CRITERIA } from './criteria/index.ts';
export { compileRules, type FollowUpRules, kindsOf } from './follow-up-kinds.ts';
export { type FollowUpGrade, type FollowUpVerdict, gradeFollowUp, judgeFollowUp } from './follow-ups.ts';
export { grade, RUBRIC_VERSION, RubricInputError } from './grade.ts';
export { loadLanguageModel } from './nlp.ts';
export { splitAnswer } from './split.ts';
export { countWords, estimateSeconds } from './text.ts';
export type {
  AnswerParts,
  Band,
  Contrast,
  CriterionResult,
  GradeOptions,
  GradeResult,
  SectionStats,
  Verdict,
} from './types.ts';
