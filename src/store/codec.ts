import type { SessionState, Step } from '../coach/types.ts';
import {
  CRITERION_IDS,
  type CriterionId,
  JOB_FAMILY_IDS,
  type JobFamilyId,
  LENS_IDS,
  LEVELS,
  type LensId,
  type Level,
} from '../content/schema.ts';
import type { Band, Verdict } from '../rubric/types.ts';
import type { SessionRecord, SessionSource, SessionStatus, UserProfile } from './types.ts';

/** Converts between database rows and the store's records; rejects values the schema should never hold. */

export const BANDS = ['strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined'] as const;
const SOURCES = ['slack', 'cli', 'daily'] as const;
const STATUSES = ['active', 'completed', 'abandoned'] as const;
const VERDICTS = ['pass', 'partial', 'fail', 'n/a'] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`Stored ${what} "${value}" is not one of ${allowed.join(', ')}`);
  return found;
}

export const toBand = (value: string): Band => oneOf(BANDS, value, 'band');
export const toLevel = (value: string): Level => oneOf(LEVELS, value, 'level');
export const toLens = (value: string | null): LensId | null =>
  value === null ? null : oneOf(LENS_IDS, value, 'lens');
const toSource = (value: string): SessionSource => oneOf(SOURCES, value, 'session source');
const toStatus = (value: string): SessionStatus => oneOf(STATUSES, value, 'session status');

/** A readable label of a step, stored next to the state JSON: "part:action", "follow-up:2", "summary". */
export function stepLabel(step: Step): string {
  switch (step.kind) {
    case 'part':
      return `part:${step.part}`;
    case 'follow-up':
      return `follow-up:${step.index}`;
    case 'summary':
    case 'closed':
      return step.kind;
  }
}

/** Throws on an unknown IANA zone name, so a bad zone never reaches the database. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch (error) {
    throw new RangeError(`Unknown time zone "${timeZone}"`, { cause: error });
  }
}

export interface UserRow {
  workspace_id: string;
  user_id: string;
  level: string;
  lens: string | null;
  time_zone: string;
  job_family: string | null;
  pack: string | null;
  show_scores: number;
  created_at: number;
}

export function toUserProfile(row: UserRow): UserProfile {
  return {
    workspaceId: row.workspace_id,
    userId: row.user_id,
    level: toLevel(row.level),
    lens: toLens(row.lens),
    timeZone: row.time_zone,
    // A family id the content no longer knows reads as no family, not as an error.
    jobFamily: (JOB_FAMILY_IDS as readonly (string | null)[]).includes(row.job_family)
      ? (row.job_family as JobFamilyId)
      : null,
    pack: row.pack,
    showScores: row.show_scores !== 0,
    createdAt: row.created_at,
  };
}

export interface SessionRow {
  id: string;
  workspace_id: string;
  user_id: string;
  question_id: string;
  principle_id: string;
  source: string;
  status: string;
  created_at: number;
  updated_at: number;
  state: string;
}

function parseState(json: string, sessionId: string): SessionState {
  const state: SessionState = JSON.parse(json);
  if (state.version !== 1) {
    throw new Error(`Session ${sessionId} has state version ${String(state.version)}; this build reads 1`);
  }
  return state;
}

export function toSessionRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    questionId: row.question_id,
    principleId: row.principle_id,
    source: toSource(row.source),
    status: toStatus(row.status),
    state: parseState(row.state, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface CriterionVerdict {
  id: CriterionId;
  verdict: Verdict;
}

/** The evaluation's verdicts column: id and verdict of each criterion, in order (what progress reads). */
export function verdictsJson(criteria: readonly CriterionVerdict[]): string {
  return JSON.stringify(criteria.map(({ id, verdict }) => ({ id, verdict })));
}

/** Keeps only id and verdict of each stored criterion result; unknown criteria (retired ids) are dropped. */
export function parseVerdicts(criteriaJson: string): CriterionVerdict[] {
  const parsed: unknown = JSON.parse(criteriaJson);
  if (!Array.isArray(parsed)) throw new Error('Stored evaluation criteria are not an array');
  const verdicts: CriterionVerdict[] = [];
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null) continue;
    const id: unknown = item.id;
    const verdict: unknown = item.verdict;
    const knownId = CRITERION_IDS.find((candidate) => candidate === id);
    const knownVerdict = VERDICTS.find((candidate) => candidate === verdict);
    if (knownId !== undefined && knownVerdict !== undefined) {
      verdicts.push({ id: knownId, verdict: knownVerdict });
    }
  }
  return verdicts;
}
