// Run as its own process by sqlite.test.ts: opens the store on a shared file and commits turns as fast
// as it can. Half the message ids are shared with the other writer, half are its own.
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { sessionRecord, T0, turn } from './fixtures.ts';

const [path, writer, countArg, startAtArg] = process.argv.slice(2);
if (!path || !writer || !countArg || !startAtArg) {
  throw new Error('usage: concurrent-writer <db> <writer> <count> <start-at-epoch-ms>');
}
const count = Number(countArg);

const store = await openSqliteStore({ path });
// Both writers begin committing at the same instant, whatever their start-up times were.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtArg) - Date.now())));
let applied = 0;
let duplicates = 0;
for (let i = 0; i < count; i++) {
  for (const id of [`shared-${i}`, `${writer}-${i}`]) {
    const key = { workspaceId: 'T1', userId: `U${i % 7}` };
    const session = sessionRecord(key, id, { status: 'completed', step: { kind: 'closed' } });
    const commit = turn(key, session, `msg-${id}`, T0 + i, {
      outbox: [{ channel: 'D1', payload: { writer, id } }],
    });
    if (await store.commitTurn(commit)) applied++;
    else duplicates++;
  }
}
await store.close();
process.stdout.write(JSON.stringify({ applied, duplicates }));
