/**
 * Runs at most `limit` tasks at once, in arrival order; the rest wait as the small objects they are. Under a burst
 * the coaching thread would otherwise start thousands of forwarded requests at once, each holding Bolt's
 * per-request context and closures until its turn comes in the user's queue: memory grows with the backlog.
 */
export class BoundedDispatch<T> {
  private readonly waiting: T[] = [];
  private head = 0;
  private running = 0;

  constructor(
    private readonly limit: number,
    private readonly run: (item: T) => Promise<void>,
  ) {}

  push(item: T): void {
    this.waiting.push(item);
    this.admit();
  }

  /** Requests started and not finished, and requests waiting to start. */
  get counts(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length - this.head };
  }

  private admit(): void {
    while (this.running < this.limit && this.head < this.waiting.length) {
      const item = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as T;
      if (this.head === this.waiting.length) {
        this.waiting.length = 0;
        this.head = 0;
      }
      this.running++;
      const done = () => {
        this.running--;
        this.admit();
      };
      // `run` reports its own failures (ForwardedReceiver logs them); a rejection here only frees the slot.
      void this.run(item).then(done, done);
    }
  }
}
