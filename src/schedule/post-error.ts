/** Why posting to a channel failed, as the scheduler needs to know it. */
export type PostFailure =
  /** Slack asked us to slow down: wait `retryAfterMs`, then try again. */
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** The bot cannot post there until a person fixes it (not_in_channel, channel_not_found, is_archived...). */
  | { kind: 'channel-unavailable'; code: string }
  /** Anything else (5xx, network): worth a few more tries. */
  | { kind: 'transient'; detail: string };

export class PostError extends Error {
  constructor(readonly failure: PostFailure) {
    super(
      failure.kind === 'transient'
        ? failure.detail
        : failure.kind === 'channel-unavailable'
          ? failure.code
          : 'rate limited',
    );
    this.name = 'PostError';
  }
}
