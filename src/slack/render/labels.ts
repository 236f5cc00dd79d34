import { JOB_FAMILY_NAMES, type JobFamilyId, type LensId, type Level } from '../../content/schema.ts';

export const LEVEL_LABELS: Record<Level, string> = { junior: 'Junior', mid: 'Mid-level', senior: 'Senior' };

export const LENS_LABELS: Record<LensId, string> = {
  technical: 'Technical interviewer',
  'hiring-manager': 'Hiring manager',
  'senior-leader': 'Senior leader',
};

export const lensLabel = (lens: LensId | null) => (lens ? LENS_LABELS[lens] : 'None (balanced)');

export const familyLabel = (family: JobFamilyId | null) =>
  family ? JOB_FAMILY_NAMES[family] : 'None (each question’s own examples)';
