/**
 * Runs a job on an unref'd timer: once at start (after `firstDelayMs`), then every `intervalMs`, never two passes
 * at once (a tick that finds a pass still running is skipped). `stop()` waits for a pass under way to finish.
 */
export class Ticker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly job: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs: number, firstDelayMs = 0): void {
    this.stopped = false;
    const first = () => {
      if (this.stopped) return;
      this.runOnce();
      this.timer = setInterval(() => this.runOnce(), intervalMs);
      this.timer.unref();
    };
    if (firstDelayMs <= 0) {
      first();
      return;
    }
    this.timer = setTimeout(first, firstDelayMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running;
  }

  private runOnce(): void {
    if (this.running || this.stopped) return;
    this.running = this.job()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
      });
  }
}
