import { type ChildProcess, spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { type CoachInput, step } from '../../src/coach/engine.ts';
import { freshState } from '../../src/coach/start.ts';
import type { OutgoingMessage } from '../../src/coach/types.ts';
import type { Question } from '../../src/content/schema.ts';
import { renderMessage } from '../../src/slack/render/message.ts';
import { until } from '../helpers/fake-slack.ts';
import { SIGNING_SECRET } from '../helpers/signed-request.ts';
import { bank } from '../helpers/slack-app.ts';

export const TEAM = 'T0TEAM';

export interface BotProcess {
  child: ChildProcess;
  url: string;
  base: string;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** kill -9, and wait for the process to be gone. */
  kill(): Promise<void>;
  alive(): boolean;
}

/**
 * `npm start` as a real process (PORT=0), its Web API pointed at a local fake Slack: HTTP mode, or Socket Mode
 * with an app token (apps.connections.open then comes from the same fake Web API).
 */
export async function startBot(
  dbPath: string,
  apiUrl: string,
  /** env: more variables, e.g. DATABASE_URL to run on PostgreSQL; undefined removes one (OAuth mode has no bot token). */
  options: { appToken?: string; env?: Record<string, string | undefined> } = {},
): Promise<BotProcess> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: 'xoxb-fault-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_ID: 'B0BOT',
    SLACK_BOT_USER_ID: 'U0BOT',
    SLACK_API_URL: apiUrl,
    PORT: '0',
    // Test workers keep every core busy, where a SCHED_IDLE coaching thread would barely run.
    COACHING_PRIORITY: 'low',
    DATABASE_PATH: dbPath,
    LOG_LEVEL: 'info',
    ...(options.appToken ? { SLACK_APP_TOKEN: options.appToken } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += String(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const startedAt = Date.now();
  const ready = /listening on port (\d+)|health check on port (\d+)/;
  // Start-up takes seconds on a busy machine (tsx compiles the app, the coaching thread starts).
  await until(() => ready.test(output) || child.exitCode !== null, 'the bot to listen', 60_000).catch(
    (error: unknown) => {
      child.kill('SIGKILL');
      throw new Error(`${String(error)}\n${output}`);
    },
  );
  if (Date.now() - startedAt > 15_000) console.log(`  (start-up took ${Date.now() - startedAt} ms)`);
  const match = ready.exec(output);
  const port = match?.[1] ?? match?.[2];
  if (!port) throw new Error(`the bot did not start:\n${output}`);
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    url: `${base}/slack/events`,
    base,
    output: () => output,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Reads the app's database from the outside while it runs (WAL allows a reader next to the writer). */
export function readDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function isProcessed(path: string, messageId: string): boolean {
  return readDb(
    path,
    (db) =>
      db
        .prepare('SELECT 1 FROM processed_messages WHERE workspace_id = ? AND message_id = ?')
        .get(TEAM, messageId) !== undefined,
  );
}

/** Whether a request with this dedupe key (e.g. `event:Ev1`) is recorded in the inbox and not yet applied. */
export function inInbox(path: string, dedupeKey: string): boolean {
  return readDb(
    path,
    (db) => db.prepare('SELECT 1 FROM inbox WHERE dedupe_key = ?').get(dedupeKey) !== undefined,
  );
}

export function inboxSize(path: string): number {
  return readDb(path, (db) => (db.prepare('SELECT count(*) AS n FROM inbox').get() as { n: number }).n);
}

export function activeSessionCount(path: string, userId: string): number {
  return readDb(path, (db) => {
    const row = db
      .prepare(
        "SELECT count(*) AS n FROM sessions WHERE workspace_id = ? AND user_id = ? AND status = 'active'",
      )
      .get(TEAM, userId) as { n: number };
    return row.n;
  });
}

/** Messages queued and not yet delivered, for one channel or for all. */
export function pendingOutbox(path: string, channel?: string): number {
  return readDb(path, (db) => {
    const row = (
      channel === undefined
        ? db.prepare('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL').get()
        : db
            .prepare('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL AND channel = ?')
            .get(channel)
    ) as { n: number };
    return row.n;
  });
}

/** What the app queued for one DM, rendered as it posts it, in queue order. */
export function queuedTexts(dbPath: string, channel: string): string[] {
  return readDb(dbPath, (db) =>
    (
      db
        .prepare('SELECT payload FROM outbox WHERE workspace_id = ? AND channel = ? ORDER BY id')
        .all(TEAM, channel) as { payload: string }[]
    ).map((row) => {
      // As the deliverer does: some messages are queued already rendered (nudges, story and plan views).
      const payload = JSON.parse(row.payload) as OutgoingMessage | { rendered: { text: string } };
      return 'rendered' in payload ? payload.rendered.text : renderMessage(payload).text;
    }),
  );
}

/**
 * Every message a user sends to answer `question` from the Situation to the last follow-up, worked out with the
 * pure engine (which follow-ups are asked depends on the grade). The session is completed after the last one.
 */
export function sessionScript(question: Question): string[] {
  const parts = [
    question.parts.situation.good,
    question.parts.task.good,
    question.parts.action.good,
    question.parts.result.good,
    question.parts.reflection.good,
  ];
  let state = freshState(question, 'mid', null, 0);
  const script: string[] = [];
  const say = (text: string): CoachInput => ({ kind: 'message', text, messageId: `m${script.length}` });
  for (const text of parts) {
    state = step(bank, state, say(text), 1).state;
    script.push(text);
  }
  while (state.step.kind === 'follow-up') {
    const asked = state.followUps[state.step.index];
    // The own-words follow-up quotes the person, so it has no stored answer: any reply will do here.
    const answer =
      question.followUps.find((f) => f.id === asked?.id)?.good ??
      (asked?.id === 'own-words' ? 'I did that part myself and checked the result the same day.' : undefined);
    if (!answer) throw new Error(`no answer for follow-up ${asked?.id}`);
    state = step(bank, state, say(answer), 1).state;
    script.push(answer);
  }
  if (state.status !== 'completed') throw new Error('the scripted session does not complete');
  return script;
}
