import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres, type FreshDatabase, freshDatabase } from '../helpers/postgres.ts';
import { sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank } from '../helpers/slack-app.ts';
import { dm, type Recorded, startCommand } from './answer-kills.ts';
import { type BotProcess, sessionScript, startBot } from './bot-process.ts';
import { FAULT_SEED, prng, sleep } from './fault-seed.ts';
import { eventually, PgReader } from './pg-readers.ts';
import { StormSlackServer } from './storm-slack-server.ts';

// Two app processes in HTTP mode on one fresh PostgreSQL database, with no load balancer: the test sends each
// signed request to either instance, as a proxy may. Slack resends only what got no 200 (then to whichever
// instance is up); an acknowledged request is never sent again. Kill points come from FAULT_SEED.

const question = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const SCRIPT = sessionScript(question);
const PARTS = ['situation', 'task', 'action', 'result', 'reflection'] as const;
// Short, so a takeover comes soon; long enough that a live instance under load finishes its post within it.
const LEASE_SECONDS = 5;
const RETRY = { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } };

describeWithPostgres('two instances on one PostgreSQL database', () => {
  let database: FreshDatabase;
  let reader: PgReader;
  let slack: StormSlackServer;
  let sqliteDir = '';
  const bots = new Map<string, BotProcess>();

  const launch = async (name: string): Promise<BotProcess> => {
    const bot = await startBot(join(sqliteDir, `${name}.db`), slack.apiUrlFor(name), {
      env: { DATABASE_URL: database.url, OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS) },
    });
    bots.set(name, bot);
    return bot;
  };
  const live = (name: string) => {
    const bot = bots.get(name);
    return bot?.alive() ? bot : undefined;
  };
  /** The instance a proxy would pick for request `i` (alternating), or the other one when that one is down. */
  const pick = (i: number): BotProcess => {
    const first = i % 2 === 0 ? 'a' : 'b';
    const bot = live(first) ?? live(first === 'a' ? 'b' : 'a');
    if (!bot) throw new Error('no instance is up');
    return bot;
  };
  const other = (bot: BotProcess) => [...bots.values()].find((b) => b !== bot && b.alive());
  const logs = () => [...bots.entries()].map(([name, bot]) => `--- ${name} ---\n${bot.output()}`).join('\n');

  beforeAll(async () => {
    sqliteDir = mkdtempSync(join(tmpdir(), 'star-multi-'));
    database = await freshDatabase();
    reader = new PgReader(database.url);
    slack = await new StormSlackServer().start();
    // Both start at once on the empty database: the migrations run once, under a lock.
    await Promise.all([launch('a'), launch('b')]);
  }, 180_000);

  afterAll(async () => {
    for (const bot of bots.values()) await bot.kill();
    await reader?.close();
    await database?.drop();
    await slack?.stop();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  });

  async function startSession(user: string): Promise<void> {
    expect((await sendCommand(pick(0).url, startCommand(slack, user))).status).toBe(200);
    await eventually(async () => (await reader.activeSessionCount(user)) === 1, 'the session to start');
  }

  async function settled(ids: string[]): Promise<void> {
    const applied = async () => (await Promise.all(ids.map((id) => reader.isProcessed(id)))).every(Boolean);
    await eventually(applied, 'every message to be applied', 180_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
    await eventually(async () => (await reader.inboxSize()) === 0, 'the inbox to be applied', 60_000);
    await eventually(async () => (await reader.pendingOutbox()) === 0, 'the outbox to drain', 60_000);
  }

  /** One completed session, every part and follow-up from its own message, in the order they were sent. */
  function expectSessionOnce(stored: Recorded, prefix: string): void {
    expect(stored.sessions).toEqual([
      { id: expect.any(String), status: 'completed', step: expect.any(String) },
    ]);
    expect(stored.answers.map((a) => a.part).sort()).toEqual([...PARTS].sort());
    for (const [i, part] of PARTS.entries()) {
      const answer = stored.answers.find((a) => a.part === part);
      expect(answer).toEqual({ part, text: SCRIPT[i], source_message_id: `${prefix}-${i}` });
    }
    expect(stored.followUps.map((f) => f.text)).toEqual(SCRIPT.slice(PARTS.length));
    expect(stored.evaluations).toBe(1);
    expect(stored.processed.sort()).toEqual(SCRIPT.map((_, i) => `${prefix}-${i}`).sort());
  }

  /** Everything queued for the DM reached it once, in queue order; nothing says a request went wrong. */
  async function expectDmOnce(user: string): Promise<void> {
    const queued = await reader.queuedTexts(`D${user}`);
    expect(new Set(queued).size).toBe(queued.length);
    expect(slack.postsTo(`D${user}`).map((p) => p.text)).toEqual(queued);
    const posted = slack.allText(`D${user}`);
    for (const label of ['Situation', 'Task', 'Action', 'Result', 'Reflection'])
      expect(posted).toContain(`*${label}*`);
    expect(posted).toContain('Session complete');
    // A request applied twice would start the question twice: the second start asks about the session in progress.
    expect(posted).not.toMatch(/something went wrong|session in progress/i);
    expect(JSON.stringify(slack.responsesTo(`start-${user}`))).not.toMatch(/session in progress/i);
    expect(await reader.abandonedOutbox()).toBe(0);
  }

  it('applies a session whose parts alternate between instances once and in ts order, retries included', async () => {
    const user = 'U9ALT';
    await startSession(user);
    const envelopes = SCRIPT.map((text, i) => dm(user, `alt-${i}`, `${1_800_100_000 + i}.000100`, text));
    // Sent as fast as each is acknowledged: both instances' drainers race for the same person's requests.
    for (const [i, envelope] of envelopes.entries()) {
      const bot = pick(i);
      expect((await sendEvent(bot.url, envelope)).status).toBe(200);
      // Slack timed out on every third delivery and sends it again; the proxy hands the retry to the other one.
      if (i % 3 === 1) expect((await sendEvent(other(bot)!.url, envelope, RETRY)).status).toBe(200);
    }
    await settled(envelopes.map((_, i) => `alt-${i}`));
    // Late retries, after their message was applied, reaching the instance that did not apply it first.
    for (const i of [0, 3]) expect((await sendEvent(pick(i + 1).url, envelopes[i]!, RETRY)).status).toBe(200);
    await settled([]);

    expectSessionOnce(await reader.recorded(user), 'alt');
    await expectDmOnce(user);
    // The DATABASE_URL won: no SQLite file was made.
    expect(existsSync(join(sqliteDir, 'a.db')) || existsSync(join(sqliteDir, 'b.db'))).toBe(false);
  }, 300_000);

  it('applies each of a burst of slash commands once, whichever instance recorded it', async () => {
    // No message id guards a command: only the inbox keeps the other instance from applying it too.
    const users = Array.from({ length: 12 }, (_, i) => `U9BURST${i}`);
    const answers = await Promise.all(
      users.map((user, i) => sendCommand(pick(i).url, startCommand(slack, user)).then((res) => res.status)),
    );
    expect(answers).toEqual(users.map(() => 200));
    await settled([]);
    const queues = new Set<number>();
    for (const user of users) {
      const stored = await reader.recorded(user);
      expect(stored.sessions).toEqual([{ id: expect.any(String), status: 'active', step: 'part:situation' }]);
      const queued = await reader.queuedTexts(`D${user}`);
      queues.add(queued.length);
      expect(new Set(queued).size, `${user}: nothing queued twice`).toBe(queued.length);
      expect(slack.postsTo(`D${user}`).map((p) => p.text)).toEqual(queued);
      expect(slack.allText(`D${user}`)).not.toMatch(/session in progress/i);
      expect(JSON.stringify(slack.responsesTo(`start-${user}`))).not.toMatch(/session in progress/i);
    }
    // Every start queued the same messages: none got a second helping.
    expect(queues.size).toBe(1);
  }, 300_000);

  it('loses, doubles and reorders nothing when an instance is killed mid-session and mid-send', async () => {
    const random = prng(FAULT_SEED ^ 0x19);
    // The kill lands while an instance waits for Slack's answer to a post of this session: after part `armAt`
    // is sent. The post reached the DM first (Slack has it, the instance never learnt) or did not.
    const armAt = 1 + Math.floor(random() * (SCRIPT.length - 2));
    const tookEffect = random() < 0.5;
    console.log(
      `multi-instance kill test: seed ${FAULT_SEED} (FAULT_SEED=${FAULT_SEED} replays it): kill mid-post after message ${armAt}, the post ${tookEffect ? 'reached' : 'did not reach'} Slack`,
    );
    const user = 'U9KILL';
    await startSession(user);
    let victim: string | undefined;
    for (const [i, text] of SCRIPT.entries()) {
      const held = i === armAt ? slack.holdNextPost((channel) => channel === `D${user}`, tookEffect) : null;
      const envelope = dm(user, `kill-${i}`, `${1_800_200_000 + i}.000100`, text);
      expect((await sendEvent(pick(i).url, envelope)).status).toBe(200);
      if (held) {
        const post = await held;
        victim = post.instance;
        const bot = bots.get(victim ?? '');
        if (!bot) throw new Error(`the held post came from no known instance (${victim})`);
        await bot.kill();
        console.log(`  killed instance ${victim} while it waited for its post`);
      }
      // The killed instance comes back two messages later (a rolling restart); meanwhile the other takes all.
      if (victim && i === armAt + 2) await launch(victim);
    }
    if (victim && !live(victim)) await launch(victim);
    await settled(SCRIPT.map((_, i) => `kill-${i}`));

    expectSessionOnce(await reader.recorded(user), 'kill');
    await expectDmOnce(user);
  }, 300_000);

  it("posts a channel's daily prompt once across both, one of them restarting across the due minute", async () => {
    const channel = 'C9DAILY';
    // The next whole minute at least 20 s away, in UTC.
    const dueAt = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
    const hhmm = new Date(dueAt).toISOString().slice(11, 16);
    const setUp = await sendCommand(pick(0).url, {
      ...startCommand(slack, 'U9OWNER'),
      text: `daily on ${hhmm} UTC everyday`,
      channel_id: channel,
      channel_name: 'general',
    });
    expect(setUp.status).toBe(200);
    await eventually(
      async () => slack.responsesTo('start-U9OWNER').length > 0 || slack.postsTo(channel).length > 0,
      'the schedule to be confirmed',
    );

    await sleep(Math.max(0, dueAt - 1_500 - Date.now()));
    await bots.get('a')?.kill();
    await sleep(Math.max(0, dueAt + 1_000 - Date.now()));
    await launch('a');
    const prompts = () => slack.postsTo(channel).filter((p) => Number(p.ts) * 1000 >= dueAt - 1_000);
    await eventually(async () => prompts().length > 0, 'the daily prompt', 120_000);
    // Both instances have passed the due minute on at least one tick (every 30 s, and one at start) by now.
    await sleep(Math.max(0, dueAt + 35_000 - Date.now()));

    expect(prompts()).toHaveLength(1);
    const localDate = new Date(dueAt).toISOString().slice(0, 10);
    expect(await reader.dailyPosts(channel)).toEqual([
      { local_date: localDate, message_ts: prompts()[0]?.ts },
    ]);
  }, 300_000);
});
