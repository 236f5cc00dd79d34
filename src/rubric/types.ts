import type { CriterionId, LensId, Level, PartName } from '../content/schema.ts';

export type Verdict = 'pass' | 'partial' | 'fail' | 'n/a';
export type Band = 'strongly-not-inclined' | 'not-inclined' | 'inclined' | 'strongly-inclined';

/** An answer already split by part; any part may be missing. */
export type AnswerParts = Partial<Record<PartName, string>>;

export interface GradeOptions {
  /** Question id; without it only general advice is used. */
  questionId?: string;
  level?: Level;
  lens?: LensId;
  /** Grade a single part: only that part's criteria are judged, the rest are n/a. */
  section?: PartName;
}

export interface Contrast {
  bad: string;
  why: string;
  good: string;
  /** Where the contrast came from: a part of the question, a follow-up, or the general guide. */
  source: 'part' | 'follow-up' | 'general';
}

export interface CriterionResult {
  id: CriterionId;
  verdict: Verdict;
  /** The user's own sentences or phrases that decided the verdict. */
  evidence: string[];
  advice: string;
  /** A measurement the verdict rests on, such as timing: not the user's words. */
  measured?: string;
  contrast?: Contrast;
}

export interface SectionStats {
  text: string;
  words: number;
  seconds: number;
}

export interface GradeResult {
  question: string | null;
  rubricVersion: string;
  sections: Partial<Record<PartName, SectionStats>>;
  totalSeconds: number;
  criteria: CriterionResult[];
  overall: { score: number; band: Band };
  followUps: { id: string; question: string }[];
}
