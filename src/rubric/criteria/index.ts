import { type CriterionId, PART_NAMES, type PartName } from '../../content/schema.ts';
import { firstPerson, specificActions } from './actions.ts';
import { concreteEvent, confidentLanguage, noBlame } from './conduct.ts';
import type { Check } from './context.ts';
import { answerLength } from './length.ts';
import { scopeOwnership } from './ownership.ts';
import { specificReflection } from './reflection.ts';
import { businessImpact, quantifiedResult, secondOrderEffect } from './result.ts';
import { situationConcise } from './situation.ts';

const STORY_PARTS: PartName[] = ['situation', 'task', 'action', 'result'];

/** Each criterion's title and the parts it is judged on (the first is where its contrast comes from). */
export const CRITERIA: Record<CriterionId, { title: string; parts: PartName[] }> = {
  'situation-concise': { title: 'Short, problem-first Situation', parts: ['situation'] },
  'scope-ownership': { title: 'Explicit scope and initiative', parts: ['task'] },
  'first-person': { title: 'Your own actions, told with "I"', parts: ['action'] },
  'specific-actions': { title: 'Concrete steps', parts: ['action'] },
  'quantified-result': { title: 'A number for the result', parts: ['result'] },
  'business-impact': { title: 'What the result was worth', parts: ['result'] },
  'second-order-effect': { title: 'Impact beyond the fix', parts: ['result'] },
  'specific-reflection': { title: 'A lesson from this story', parts: ['reflection'] },
  'no-blame': { title: 'No blaming others', parts: [...PART_NAMES] },
  'concrete-event': { title: 'One real event in the past', parts: [...STORY_PARTS, 'reflection'] },
  'answer-length': { title: 'A 1.5 to 3 minute answer', parts: [...PART_NAMES] },
  'confident-language': { title: 'Confident, direct language', parts: [...PART_NAMES] },
};

export const CHECKS: Record<CriterionId, Check> = {
  'situation-concise': situationConcise,
  'scope-ownership': scopeOwnership,
  'first-person': firstPerson,
  'specific-actions': specificActions,
  'quantified-result': quantifiedResult,
  'business-impact': businessImpact,
  'second-order-effect': secondOrderEffect,
  'specific-reflection': specificReflection,
  'no-blame': noBlame,
  'concrete-event': concreteEvent,
  'answer-length': answerLength,
  'confident-language': confidentLanguage,
};
