import { type ChildProcess, fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { moveToIdlePolicy } from '../src/slack/front/thread-priority.ts';
import { FakeSlack, type FakeSlackOptions } from './fake-slack.ts';

/**
 * The fake Slack in a process of its own, at low CPU priority. Slack's servers are not on the app's machine: in
 * the load generator's process, answering the app's Web API calls would delay the generator's own timers and
 * responses, and that delay would be counted as the app's latency.
 */
export interface FakeSlackCounts {
  calls: number;
  rateLimited: number;
  posts: number;
}

type Reply = { type: 'started'; url: string } | ({ type: 'counts' } & FakeSlackCounts);

export class FakeSlackProcess {
  private child: ChildProcess | undefined;
  private readonly waiters: ((reply: Reply) => void)[] = [];

  constructor(private readonly options: FakeSlackOptions) {}

  /** Starts the process; resolves to the Web API base URL (ending in /api/). */
  async start(): Promise<string> {
    const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(this.options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    child.on('message', (reply: Reply) => this.waiters.shift()?.(reply));
    const started = await this.next();
    if (started.type !== 'started') throw new Error('the fake Slack did not start');
    return started.url;
  }

  async counts(): Promise<FakeSlackCounts> {
    this.child?.send('counts');
    const reply = await this.next();
    if (reply.type !== 'counts') throw new Error('unexpected reply from the fake Slack');
    return { calls: reply.calls, rateLimited: reply.rateLimited, posts: reply.posts };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  private next(): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const child = this.child;
      if (!child) return reject(new Error('the fake Slack is not running'));
      const onExit = () => reject(new Error('the fake Slack exited'));
      child.once('exit', onExit);
      this.waiters.push((reply) => {
        child.off('exit', onExit);
        resolve(reply);
      });
    });
  }
}

async function serve(options: FakeSlackOptions): Promise<void> {
  // Below the app and the load generator (SCHED_IDLE where chrt exists): Slack's own CPU time is not the app's
  // to share.
  if (process.env.FAKE_NICE !== '0') {
    setPriority(10);
    moveToIdlePolicy(process.pid, true);
  }
  const slack = new FakeSlack(options);
  const url = await slack.start();
  const send = (reply: Reply) => process.send?.(reply);
  process.on('message', (message) => {
    if (message === 'counts') {
      send({ type: 'counts', calls: slack.calls, rateLimited: slack.rateLimited, posts: slack.posts.length });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => void slack.stop().then(() => process.exit(0)));
  send({ type: 'started', url });
}

if (import.meta.url === `file://${process.argv[1]}`) await serve(JSON.parse(process.argv[2] ?? '{}'));
