import type { App, Logger, Receiver } from '@slack/bolt';
import type { ForwardedRequest } from './ack-front.ts';

/**
 * A Bolt receiver for requests the HTTP front has already verified and acknowledged: it runs them through the
 * app's listeners, where `ack()` has nothing left to do.
 */
export class ForwardedReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly logger: Logger) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<unknown> {
    return undefined;
  }

  async stop(): Promise<void> {}

  /** Resolves when the listeners have finished; listener errors are logged, never thrown to the caller. */
  async dispatch(request: ForwardedRequest): Promise<void> {
    const app = this.app;
    if (!app) throw new Error('ForwardedReceiver.dispatch before the app was created');
    try {
      await app.processEvent({ ...request, ack: async () => undefined });
    } catch (error) {
      this.logger.error('A forwarded Slack request failed:', error);
    }
  }
}
