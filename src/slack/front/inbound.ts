import type { InboundRequest, Store } from '../../store/types.ts';
import type { ForwardedRequest } from './ack-front.ts';

type Fields = Record<string, unknown>;

const asFields = (value: unknown): Fields | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * A Slack timestamp ("1800000000.000100") or epoch milliseconds as fixed-width text ("001800000000.000100"), so
 * that comparing the text compares the times.
 */
export function sortableTs(ts: string): string | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) return undefined;
  return `${match[1]!.padStart(12, '0')}.${(match[2] ?? '').padEnd(6, '0')}`;
}

export function sortableMs(ms: number): string {
  const whole = Math.floor(ms / 1000);
  return `${String(whole).padStart(12, '0')}.${String((ms - whole * 1000) * 1000).padStart(6, '0')}`;
}

/** Who a request is about and Slack's id for it, for the three kinds of request the app receives. */
function describe(body: Fields): {
  dedupeKey?: string | undefined;
  workspaceId?: string | undefined;
  userId?: string | undefined;
  ts?: string | undefined;
} {
  if (body.type === 'event_callback') {
    const event = asFields(body.event) ?? {};
    // An edit (message_changed) names its author inside the edited message.
    const userId = asString(event.user) ?? asString(asFields(event.message)?.user);
    return {
      dedupeKey: asString(body.event_id) && `event:${body.event_id}`,
      workspaceId: asString(body.team_id),
      userId,
      ts: asString(event.ts) ?? asString(event.event_ts),
    };
  }
  // Slack never redelivers slash commands or interactions, so only events carry a key to drop copies by.
  if (typeof body.command === 'string') {
    return {
      workspaceId: asString(body.team_id),
      userId: asString(body.user_id),
    };
  }
  // Interactions: block actions, view submissions, shortcuts.
  const user = asFields(body.user);
  const actions = Array.isArray(body.actions) ? body.actions : [];
  return {
    workspaceId: asString(asFields(body.team)?.id) ?? asString(user?.team_id),
    userId: asString(user?.id),
    ts: asString(asFields(actions[0])?.action_ts),
  };
}

/**
 * What the inbox records for a verified request: its lane is the person it is about (a request about nobody in
 * particular, such as app_uninstalled, is its workspace's), and it sorts by Slack's timestamp when it carries one
 * (messages, actions), else by its arrival time.
 */
export function inboundOf(request: ForwardedRequest, now: number): InboundRequest {
  const about = describe(request.body);
  const workspaceId = about.workspaceId ?? 'unknown';
  const userId = about.userId ?? null;
  return {
    dedupeKey: about.dedupeKey ?? null,
    workspaceId,
    userId,
    lane: userId === null ? workspaceId : `${workspaceId}:${userId}`,
    sortKey: (about.ts && sortableTs(about.ts)) ?? sortableMs(now),
    receivedAt: now,
    request,
  };
}

/** Records a verified request in the inbox; resolves once it is durable (a duplicate resolves too). */
export async function recordRequest(
  store: Pick<Store, 'recordInbound'>,
  request: ForwardedRequest,
  now: number,
): Promise<void> {
  await store.recordInbound(inboundOf(request, now));
}
