import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionState } from '../../src/coach/types.ts';
import { CRITERION_IDS, type CriterionId } from '../../src/content/schema.ts';
import type { CriterionResult } from '../../src/rubric/types.ts';
import type { SessionRecord, TurnCommit, UserKey } from '../../src/store/types.ts';

export const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

/** A fresh temporary folder and a function that removes it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `star-coach-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sessionState(overrides: Partial<SessionState> = {}): SessionState {
  return {
    version: 1,
    questionId: 'dive-deep/unexpected-root-cause',
    principleId: 'dive-deep',
    level: 'mid',
    lens: null,
    step: { kind: 'part', part: 'situation' },
    parts: {},
    skipped: [],
    partMessageIds: {},
    evaluation: null,
    followUps: [],
    status: 'active',
    startedAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function sessionRecord(
  key: UserKey,
  id: string,
  stateOverrides: Partial<SessionState> = {},
  source: SessionRecord['source'] = 'slack',
): SessionRecord {
  const state = sessionState(stateOverrides);
  return {
    ...key,
    id,
    questionId: state.questionId,
    principleId: state.principleId,
    source,
    status: state.status,
    state,
    createdAt: state.startedAt,
    updatedAt: state.updatedAt,
  };
}

export function turn(
  key: UserKey,
  session: SessionRecord,
  messageId: string | null,
  now: number,
  extra: Partial<TurnCommit> = {},
): TurnCommit {
  return { key, messageId, session, now, ...extra };
}

export function criteria(verdicts: Record<string, CriterionResult['verdict']>): CriterionResult[] {
  return Object.entries(verdicts).map(([id, verdict]) => ({
    id: criterionId(id),
    verdict,
    evidence: [],
    advice: `Advice for ${id}`,
  }));
}

function criterionId(id: string): CriterionId {
  const found = CRITERION_IDS.find((known) => known === id);
  if (!found) throw new Error(`unknown criterion ${id}`);
  return found;
}
