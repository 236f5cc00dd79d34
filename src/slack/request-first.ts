/**
 * Lets Slack's requests go first. Work that follows an acknowledgement (a coaching turn, a delivery) waits here
 * for a later turn of the event loop, and only one waiter is released per turn, so every request that has
 * arrived meanwhile is read and acknowledged before the next unit of work runs. Without it, a burst of requests
 * read in one loop turn each runs its whole turn before the next one's acknowledgement is sent.
 */
export class RequestFirst {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves once requests that arrived before now have had their turn. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the loop has polled for I/O; one scheduled at a time means one waiter per turn.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      if (this.waiting.length > 0) this.schedule();
    });
  }
}
