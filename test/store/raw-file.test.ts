import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schema.ts';
import { ACTION } from '../../src/slack/action-ids.ts';
import { AppLogger } from '../../src/slack/logger.ts';
import { DAY_MS, RetentionJob } from '../../src/slack/retention.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { FakeSlack, until, visibleText } from '../helpers/fake-slack.ts';
import { Practiser } from '../helpers/practiser.ts';
import { sendEvent } from '../helpers/signed-request.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';

/**
 * Erasure reaches the bytes on disk: after forget-me, uninstall and retention, the words a person typed are in no
 * table and nowhere in the SQLite file or its WAL, where deleted rows would otherwise linger in free space and old
 * frames. Every column of every table in the schema is searched, so a table added later is covered too.
 */
const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const TEAM = 'T0TEAM';
const OTHER_TEAM = 'T9OTHER';

let fake: FakeSlack;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;

beforeEach(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  app = await startTestApp(db.path);
});

afterEach(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

/** Short, so a copy rarely straddles two overflow pages, and found in no content. */
const uniquePhrase = () => `Qz${randomBytes(6).toString('hex')}`;

/** The question's strong answers, each carrying the phrase, as the person types them. */
function answersWith(phrase: string, question: Question = seed) {
  const say = (text: string) => `${text} I noted it as ${phrase}.`;
  return {
    parts: [
      question.parts.situation.good,
      question.parts.task.good,
      question.parts.action.good,
      question.parts.result.good,
      question.parts.reflection.good,
    ].map(say),
    followUp: say(question.followUps[0]!.good),
  };
}

/** Answers every part and the first follow-up with the phrase in each, then ends the session. */
async function practiseWith(person: Practiser, phrase: string): Promise<void> {
  const { parts, followUp } = answersWith(phrase);
  // Counted, not just found: the same user id in another workspace has the same DM channel id in the fake.
  const asked = () => fake.postsTo(person.dm).filter((p) => visibleText(p).includes(seed.question)).length;
  const before = asked();
  await person.command(seed.id, person.dm, 0);
  await until(() => asked() > before, 'the question in the DM');
  await app.slack.deliverer.idle();
  const next = [/\*Task\*/, /\*Action\*/, /\*Result\*/, /\*Reflection\*/, /Follow-up 1 of/];
  for (const [i, text] of parts.entries()) await person.say(text, next[i]!);
  await person.say(followUp, /Follow-up 2 of|Session complete/);
  await person.say('done', /./);
  // Still in the follow-ups (how many depends on the answers): `stop` ends the session wherever it is.
  if ((await app.store.getActiveSession(person.key)) !== null) await person.say('stop', /./);
  await app.slack.deliverer.idle();
  expect(await app.store.getActiveSession(person.key)).toBeNull();
}

/** Every column of every table, from the schema itself, with the number of rows whose value contains `phrase`. */
function rowsContaining(phrase: string): Record<string, number> {
  const sqlite = new Database(app.dbPath, { readonly: true });
  try {
    const tables = sqlite
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all();
    const found: Record<string, number> = {};
    for (const table of tables) {
      const columns = sqlite
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all();
      for (const { name } of columns) {
        const hits = sqlite
          .prepare<[string], number>(
            `SELECT count(*) FROM "${table}" WHERE instr(CAST("${name}" AS TEXT), ?) > 0`,
          )
          .pluck()
          .get(phrase)!;
        if (hits > 0) found[`${table}.${name}`] = hits;
      }
    }
    return found;
  } finally {
    sqlite.close();
  }
}

/** How many times `phrase` occurs in the database file, its WAL and any other file SQLite keeps beside it. */
function bytesContaining(phrase: string): Record<string, number> {
  const needle = Buffer.from(phrase, 'utf8');
  const dir = dirname(app.dbPath);
  const found: Record<string, number> = {};
  for (const file of readdirSync(dir).filter((f) => f.startsWith(basename(app.dbPath)))) {
    const bytes = readFileSync(join(dir, file));
    let count = 0;
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) count++;
    found[file] = count;
  }
  return found;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

function expectStored(phrase: string): void {
  const rows = rowsContaining(phrase);
  // Typed text is kept in several places (answers, follow-ups, the session state, queued replies): all found.
  expect(Object.keys(rows).length).toBeGreaterThanOrEqual(3);
  expect(total(bytesContaining(phrase))).toBeGreaterThan(0);
}

function expectGone(phrase: string): void {
  expect(rowsContaining(phrase)).toEqual({});
  const bytes = bytesContaining(phrase);
  expect(bytes[basename(app.dbPath)]).toBe(0);
  expect(total(bytes)).toBe(0);
}

describe('deleted answer text is gone from the SQLite file and its WAL', { timeout: 60_000 }, () => {
  it('after forget-me (and someone else’s answers stay)', async () => {
    const alice = new Practiser(app, fake, TEAM, 'U1ALICE');
    const bob = new Practiser(app, fake, TEAM, 'U2BOB');
    const [alicePhrase, bobPhrase] = [uniquePhrase(), uniquePhrase()];
    await practiseWith(alice, alicePhrase);
    await practiseWith(bob, bobPhrase);
    expectStored(alicePhrase);

    await alice.command('forget-me');
    const url = await alice.click(ACTION.forgetConfirm, 'confirm');
    await until(() => alice.responsesTo(url).length > 0, 'the deletion report');

    expectGone(alicePhrase);
    expectStored(bobPhrase);
  });

  it.each([
    ['the app is uninstalled from a workspace', { type: 'app_uninstalled' }, '(app uninstalled)'],
    [
      'its bot token is revoked',
      { type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } },
      '(bot token revoked)',
    ],
  ])('after %s (and another workspace’s answers stay)', async (_, event, logged) => {
    const alice = new Practiser(app, fake, TEAM, 'U1ALICE');
    const elsewhere = new Practiser(app, fake, OTHER_TEAM, 'U1ALICE');
    const [alicePhrase, otherPhrase] = [uniquePhrase(), uniquePhrase()];
    await practiseWith(alice, alicePhrase);
    await practiseWith(elsewhere, otherPhrase);
    expectStored(alicePhrase);

    const res = await sendEvent(app.url, {
      token: 'unused',
      team_id: TEAM,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: `Ev-raw-file-${event.type}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { ...event, event_ts: `${Date.now() / 1000}` },
    });
    expect(res.status).toBe(200);
    await until(() => app.logs.some((l) => l.message.includes(logged)), 'the deletion');

    expectGone(alicePhrase);
    expectStored(otherPhrase);
  });

  it('after retention deletes finished sessions and sent messages', async () => {
    const alice = new Practiser(app, fake, TEAM, 'U1ALICE');
    const phrase = uniquePhrase();
    await practiseWith(alice, phrase);
    expectStored(phrase);

    const later = new RetentionJob({
      store: app.store,
      clock: () => Date.now() + 2 * DAY_MS,
      logger: new AppLogger('error'),
      retentionDays: 1,
    });
    expect((await later.runOnce()).sessions).toBe(1);

    expectGone(phrase);
  });
});

describe('Slack event ids', () => {
  it('are deleted once 7 days old (checked when the app starts)', async () => {
    await app.close();
    const store = await openSqliteStore({ path: db.path });
    await store.claimEvent('Ev-eight-days-old', Date.now() - 8 * DAY_MS);
    await store.claimEvent('Ev-six-days-old', Date.now() - 6 * DAY_MS);
    await store.close();

    app = await startTestApp(db.path);
    const stored = (eventId: string) => {
      const sqlite = new Database(app.dbPath, { readonly: true });
      try {
        return sqlite.prepare('SELECT 1 FROM slack_events WHERE event_id = ?').get(eventId) !== undefined;
      } finally {
        sqlite.close();
      }
    };
    await until(() => !stored('Ev-eight-days-old'), 'the old event id to go');
    expect(stored('Ev-six-days-old')).toBe(true);
  });
});
