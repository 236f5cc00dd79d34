import { z } from 'zod';

/** The twelve rubric criteria, in report order. Their ids are part of the public JSON output. */
export const CRITERION_IDS = [
  'situation-concise',
  'scope-ownership',
  'first-person',
  'specific-actions',
  'quantified-result',
  'business-impact',
  'second-order-effect',
  'specific-reflection',
  'no-blame',
  'concrete-event',
  'answer-length',
  'confident-language',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

export const PART_NAMES = ['situation', 'task', 'action', 'result', 'reflection'] as const;
export type PartName = (typeof PART_NAMES)[number];

export const LEVELS = ['junior', 'mid', 'senior'] as const;
export type Level = (typeof LEVELS)[number];

export const LENS_IDS = ['technical', 'hiring-manager', 'senior-leader'] as const;
export type LensId = (typeof LENS_IDS)[number];

/**
 * Whose work a walkthrough's story comes from, and whose work a person does. Marketing folds into sales,
 * design into product, and people management into the family of the team managed (see content/README.md).
 */
export const JOB_FAMILY_IDS = [
  'software-engineering',
  'fulfilment-logistics',
  'retail',
  'customer-support',
  'healthcare',
  'education',
  'sales',
  'finance',
  'people-hr',
  'product',
  'data',
  'students',
  'military-transition',
] as const;
export type JobFamilyId = (typeof JOB_FAMILY_IDS)[number];

/** How each family is named to people. */
export const JOB_FAMILY_NAMES: Record<JobFamilyId, string> = {
  'software-engineering': 'Software engineering',
  'fulfilment-logistics': 'Fulfilment and logistics',
  retail: 'Retail',
  'customer-support': 'Customer support',
  healthcare: 'Healthcare',
  education: 'Education',
  sales: 'Sales and marketing',
  finance: 'Finance',
  'people-hr': 'People and HR',
  product: 'Product and design',
  data: 'Data',
  students: 'Students and graduates',
  'military-transition': 'Leaving the military',
};

const text = z.string().trim().min(1, 'must not be empty');
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
const criterion = z.enum(CRITERION_IDS);

export const principleSchema = z.strictObject({
  id: slug,
  name: text,
  description: text.max(200),
});
export const principlesFileSchema = z.strictObject({ principles: z.array(principleSchema).min(1) });
export type Principle = z.infer<typeof principleSchema>;

/** A pack's pack.yaml: what the pack is and what it calls its principles ("Leadership Principles", "Competencies"). */
export const packFileSchema = z.strictObject({
  id: slug,
  name: text.max(80),
  description: text.max(300),
  kind: z.strictObject({ singular: text.max(40), plural: text.max(40) }),
});
export type PackInfo = z.infer<typeof packFileSchema>;

/** A bad answer, why it fails, the criteria it illustrates, and a good answer to contrast it with. */
const contrastFields = {
  bad: text,
  why: text,
  good: text,
  criteria: z.array(criterion).min(1),
};

export const partGuideSchema = z.strictObject({
  tip: text,
  targetSeconds: z.number().int().min(5).max(180),
  ...contrastFields,
});
export type PartGuide = z.infer<typeof partGuideSchema>;

export const followUpSchema = z.strictObject({
  id: slug,
  question: text.max(300),
  ...contrastFields,
  /** Levels this follow-up suits; all when omitted. */
  levels: z.array(z.enum(LEVELS)).min(1).optional(),
  /** Lenses that favour this follow-up; all when omitted. */
  lenses: z.array(z.enum(LENS_IDS)).min(1).optional(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const lensGuideSchema = z.strictObject({
  name: text,
  leadWith: text,
  detail: text,
  avoid: text,
});
export type LensGuide = z.infer<typeof lensGuideSchema>;

export const redFlagSchema = z.strictObject({
  flag: text,
  why: text,
  criteria: z.array(criterion).min(1),
});

export const questionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be "<principle>/<slug>"'),
  principle: slug,
  question: text.max(300),
  jobFamily: z.enum(JOB_FAMILY_IDS),
  summary: text,
  parts: z.strictObject({
    situation: partGuideSchema,
    task: partGuideSchema,
    action: partGuideSchema,
    result: partGuideSchema,
    reflection: partGuideSchema,
  }),
  followUps: z.array(followUpSchema).min(4),
  redFlags: z.array(redFlagSchema).min(4),
  lenses: z.strictObject({
    technical: lensGuideSchema,
    'hiring-manager': lensGuideSchema,
    'senior-leader': lensGuideSchema,
  }),
  levels: z.strictObject({ junior: text, senior: text }),
  rubric: z.strictObject({
    /** Relative importance of each criterion for this question (default 1). */
    weights: z.partialRecord(criterion, z.number().min(0).max(5)).default({}),
    /** Phrases that, for this story, count as evidence a criterion is met. */
    signals: z.partialRecord(criterion, z.array(text).min(1)).default({}),
  }),
});
export type Question = z.infer<typeof questionSchema>;

/** Question-independent advice per criterion, used without a question or where a question has no contrast. */
export const generalFileSchema = z.strictObject({
  criteria: z.record(
    criterion,
    z.strictObject({
      title: text,
      advice: text,
      bad: text,
      why: text,
      good: text,
    }),
  ),
});
export type GeneralGuide = z.infer<typeof generalFileSchema>;

/** A regular expression source, matched case-insensitively. */
const pattern = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');
const patterns = z.array(pattern).min(1);

const followUpKindSchema = z.strictObject({
  id: slug,
  name: text,
  asks: patterns,
  /** Empty: the reply must take up the words the question asks about. */
  answeredBy: z.array(pattern),
  /** The answer is something the speaker did, so it must say what they did themselves. */
  actions: z.boolean().default(false),
  /** The answer is evidence: without a figure it is thin however well told ("how did you measure it?"). */
  evidence: z.boolean().default(false),
  /**
   * For an evidence kind, words of finding out (checking, comparing): a sentence telling only what the speaker did
   * ("I wrote the letter, we sent 4,000") answers through these alone, not through a figure or a "because".
   */
  checkedBy: z.array(pattern).default([]),
  /** Answered by naming it: a reply that opens with a phrase and no verb ("The leavers.") says what it was. */
  named: z.boolean().default(false),
  /** Answered by what the speaker would or will do: a verb of theirs with would, will, should ("I'd ask..."). */
  plans: z.boolean().default(false),
  /** The answer is what the speaker said or asked: telling, asking and calling are then the action, not a hand-off. */
  talk: z.boolean().default(false),
  /** Used only when no other kind is found in the same clause of the question. */
  broad: z.boolean().default(false),
  /** Used only when the question asks nothing else: "Did it change anything? What did you do?" asks the second. */
  alone: z.boolean().default(false),
  /** Kinds an answer to this one also answers: "What would it have cost if...?" asks the cost, not a plan. */
  covers: z.array(z.string()).default([]),
  advice: text,
});

const followUpProbeSchema = z.strictObject({
  id: slug,
  weight: z.number().min(0).max(10),
  cues: z.array(pattern),
  /** Does not apply to a sentence holding a number. */
  unlessNumber: z.boolean().default(false),
  /** Does not apply to a sentence in which the speaker says "I". */
  unlessSpeaker: z.boolean().default(false),
  ask: text,
});

/** content/follow-up-kinds.yaml: the kinds of follow-up question, what a reply is read for, the own-words probes. */
export const followUpKindsFileSchema = z.strictObject({
  kinds: z.array(followUpKindSchema).min(1),
  probes: z.array(followUpProbeSchema).min(1),
  reply: z.strictObject({
    handOff: patterns,
    handOffAsked: patterns,
    othersDid: patterns,
    blame: patterns,
    vague: patterns,
    evasive: patterns,
    /** Lines of space-separated words. */
    abstract: z.array(text).min(1),
  }),
});
export type FollowUpKindsFile = z.infer<typeof followUpKindsFileSchema>;
