/** Messages from the main thread (HTTP front) to the coaching thread. */
export type ToCoaching =
  /** Requests were recorded in the inbox: the coaching thread takes them from there. */
  { type: 'inbox' } | { type: 'stop' };

/** Messages from the coaching thread to the main thread. A start-up failure ends the thread with an exit code. */
export type FromCoaching = { type: 'ready' } | { type: 'stopped' };
