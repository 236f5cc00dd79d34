import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the CPU priority of the calling thread only (Linux: a thread is a task with its own id, found through
 * /proc/thread-self). The coaching thread calls it so that, when the machine's cores are busy, the main thread's
 * acknowledgements run first: Slack waits on those, while coaching replies are queued and paced anyway.
 * Returns the thread's niceness afterwards, or null where threads cannot be told apart (other systems).
 */
export function lowerThisThreadPriority(niceness: number): number | null {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
  if (!Number.isInteger(tid) || tid <= 0) return null;
  // Raising niceness needs no privileges; it can only fail if the thread is already lower.
  if (getPriority(tid) < niceness) setPriority(tid, niceness);
  return getPriority(tid);
}
