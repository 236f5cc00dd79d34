import type { CriterionId, JobFamilyId, LensId, Level, PartName } from '../content/schema.ts';
import type { Band, Contrast, GradeResult, Verdict } from '../rubric/types.ts';

/** Where a session is: collecting a part, asking a follow-up, or finished. */
export type Step =
  | { kind: 'part'; part: PartName }
  | { kind: 'follow-up'; index: number }
  | { kind: 'summary' }
  | { kind: 'closed' };

export interface FollowUpState {
  id: string;
  question: string;
  answer?: string;
  verdict?: Verdict;
  skipped?: boolean;
}

/** Everything a coaching session needs to continue; stored as JSON by the store. */
export interface SessionState {
  version: 1;
  questionId: string;
  principleId: string;
  level: Level;
  lens: LensId | null;
  /** The person's job family when the session started: contrasts and hints come from it. Absent: none. */
  family?: JobFamilyId | null;
  step: Step;
  parts: Partial<Record<PartName, string>>;
  /** Parts the user chose to skip; they count as answered (empty) for moving on. */
  skipped: PartName[];
  /** Which chat message filled which part, so an edit can find its part. */
  partMessageIds: Partial<Record<PartName, string>>;
  evaluation: GradeResult | null;
  followUps: FollowUpState[];
  status: 'active' | 'completed' | 'abandoned';
  /** The story bank story this answer retells (retry, "use one of your stories"); absent for a new story. */
  storyId?: string;
  /** A question of a mock interview: which mock, and where in it. Absent: a practice session. */
  mock?: MockLink;
  startedAt: number;
  updatedAt: number;
}

/** One question of a mock interview: the mock's planned questions, one per principle, and which this is. */
export interface MockLink {
  id: string;
  index: number;
  questionIds: string[];
}

/** A moment of a mock quoted in its debrief: the principle, what it shows, the person's own words. */
export interface DebriefMoment {
  principle: string;
  criterion: string;
  quote: string;
}

/** One interviewer's write-up in a mock's debrief. `band` and `score` are absent when scores are hidden. */
export interface DebriefPrinciple {
  principleId: string;
  principle: string;
  question: string;
  band?: Band;
  score?: number;
  /** The person's own words for and against, each with the criterion it shows. */
  evidenceFor: DebriefMoment[];
  evidenceAgainst: DebriefMoment[];
  followUp?: { question: string; answer: string | null };
}

/** A mock interview's debrief, written the way a loop's interviewers write one. */
export interface Debrief {
  mockId: string;
  completedAt: number;
  principles: DebriefPrinciple[];
  strongest?: DebriefMoment;
  weakest?: DebriefMoment;
  /** Groups of principle names that were answered with the same story. */
  sameStory: string[][];
}

/** A neutral outgoing message: text plus structured parts that each adapter renders its own way. */
export type MessagePart =
  | { kind: 'question'; principle: string; question: string; questionId: string }
  | { kind: 'prompt'; part: PartName; tip: string; targetSeconds: number }
  | { kind: 'nudge'; part: PartName; text: string; criterion?: CriterionId }
  | {
      kind: 'feedback';
      /** Absent when the person practises without scores. */
      band?: Band;
      score?: number;
      seconds: Partial<Record<PartName, number>>;
      totalSeconds: number;
      issues: {
        criterion: CriterionId;
        title: string;
        verdict: Verdict;
        evidence: string[];
        advice: string;
        /** Timing the verdict rests on; shown apart from the quotes. */
        measured?: string;
      }[];
      strengths: { criterion: CriterionId; title: string; evidence: string[] }[];
    }
  | { kind: 'contrast'; criterion: CriterionId | null; title: string; contrast: Contrast }
  | { kind: 'follow-up'; id: string; index: number; total: number; question: string }
  | { kind: 'follow-up-verdict'; id: string; verdict: Verdict; evidence: string[]; advice: string }
  /** `from`: whose story a borrowed example comes from ("a retail story"). */
  | { kind: 'example'; part: PartName; text: string; from?: string }
  | { kind: 'summary'; band?: Band; score?: number; followUpsAnswered: number; followUpsTotal: number }
  | { kind: 'debrief'; debrief: Debrief }
  | { kind: 'status'; text: string }
  | { kind: 'choices'; choices: Choice[] }
  /** "Use one of your stories": the person's stories that could answer the question just asked. */
  | { kind: 'story-offer'; stories: { number: number; title: string }[] }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

export type ChoiceId =
  | 'retry'
  | 'next'
  | 'done'
  | 'show-example'
  | 'skip-follow-up'
  | 'abandon-and-start'
  | 'keep-session';
export interface Choice {
  id: ChoiceId;
  label: string;
}

export interface OutgoingMessage {
  /** Plain-text rendering: what a terminal prints and Slack's notification fallback. */
  text: string;
  parts: MessagePart[];
}
