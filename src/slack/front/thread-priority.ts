import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export interface ThreadPriority {
  /** The thread's niceness afterwards. */
  niceness: number;
  /** Whether the thread now runs under SCHED_IDLE: it gets a core only when no normal thread wants one. */
  idle: boolean;
}

/**
 * Lowers the CPU priority of the calling thread only (Linux: a thread is a task with its own id, found through
 * /proc/thread-self). The coaching thread calls it so that, when the machine's cores are busy, the main thread's
 * acknowledgements run first: Slack waits on those, while coaching replies are queued and paced anyway.
 * It raises the niceness and, with idle and where util-linux's `chrt` is installed, moves the thread to
 * SCHED_IDLE, which makes a waking normal thread take the core at once rather than after a slice (neither needs
 * privileges). A SCHED_IDLE thread gets almost no CPU while other work keeps every core busy.
 * Returns null where threads cannot be told apart (other systems).
 */
export function lowerThisThreadPriority(niceness: number, idle: boolean): ThreadPriority | null {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
  if (!Number.isInteger(tid) || tid <= 0) return null;
  // Raising niceness needs no privileges; it can only fail if the thread is already lower.
  if (getPriority(tid) < niceness) setPriority(tid, niceness);
  return { niceness: getPriority(tid), idle: idle && moveToIdlePolicy(tid) };
}

/** Puts a task (a thread id, or with allThreads every thread of a process) under SCHED_IDLE; false if it can't. */
export function moveToIdlePolicy(id: number, allThreads = false): boolean {
  try {
    const all = allThreads ? ['--all-tasks'] : [];
    execFileSync('chrt', [...all, '--idle', '--pid', '0', String(id)], { stdio: 'ignore', timeout: 2_000 });
    return execFileSync('chrt', ['--pid', String(id)], { encoding: 'utf8', timeout: 2_000 }).includes(
      'SCHED_IDLE',
    );
  } catch {
    return false;
  }
}
