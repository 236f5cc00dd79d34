import type { Store } from '../store/types.ts';

export type EventLedger = Pick<Store, 'hasEvent' | 'claimEvent'>;

export type GateResult = 'processed' | 'duplicate';

/**
 * Lets each Slack event id through once. Check, process, then record: an event that failed or was cut short by a
 * crash is not recorded, so Slack's retry still gets through. Events being processed right now are held in memory,
 * so a retry that arrives mid-processing is dropped too. User messages are also deduplicated by message id inside
 * the turn's transaction; this gate covers what has no message id (edits, file shares, Home tab opens).
 */
export class EventGate {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly ledger: EventLedger,
    private readonly clock: () => number,
  ) {}

  async once(eventId: string | undefined, task: () => Promise<void>): Promise<GateResult> {
    if (!eventId) {
      await task();
      return 'processed';
    }
    if (this.inFlight.has(eventId)) return 'duplicate';
    this.inFlight.add(eventId);
    try {
      if (await this.ledger.hasEvent(eventId)) return 'duplicate';
      await task();
      await this.ledger.claimEvent(eventId, this.clock());
      return 'processed';
    } finally {
      this.inFlight.delete(eventId);
    }
  }
}
