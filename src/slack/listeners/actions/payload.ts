import type { RespondArguments } from '@slack/bolt';
import type { UserKey } from '../../../store/types.ts';
import { type Block, context } from '../../render/limits.ts';

/** The parts of a block_actions payload the handlers read. */
export interface ActionBody {
  user: { id: string; team_id?: string };
  team: { id: string } | null;
  channel?: { id: string };
  message?: { ts: string; blocks?: unknown; text?: string };
  container?: Record<string, unknown>;
}

export interface ActionArgs {
  ack: () => Promise<void>;
  body: ActionBody;
  action: { action_id: string; value?: string; selected_option?: { value: string } };
  respond: (message: RespondArguments) => Promise<unknown>;
}

export function actionUserKey(body: ActionBody): UserKey {
  return { workspaceId: body.team?.id ?? body.user.team_id ?? 'unknown', userId: body.user.id };
}

const isBlock = (value: unknown): value is Block =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** The clicked message with its buttons replaced by a note, so the same choice cannot be made twice. */
export function answeredMessage(body: ActionBody, note: string): RespondArguments {
  const original = Array.isArray(body.message?.blocks) ? body.message.blocks.filter(isBlock) : [];
  const kept = original.filter((b) => b.type !== 'actions');
  return {
    replace_original: true,
    text: body.message?.text ?? note,
    blocks: [...kept, context(note)],
  };
}
