import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

const seed = loadContent().questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;

function practice(dbPath: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/practice-main.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: dbPath, STAR_COACH_USER: 'kill-test' },
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += String(d);
  });
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}; got:\n${output}`)),
        15_000,
      );
      const check = () => {
        if (pattern.test(output.slice(from))) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve();
        }
      };
      child.stdout.on('data', check);
      check();
    });
  return { child, waitFor, output: () => output };
}

const send = (child: ChildProcessWithoutNullStreams, line: string) => child.stdin.write(`${line}\n`);

describe('npm run practice survives a kill -9', () => {
  it('resumes exactly where it stopped, with every part recorded once', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'star-kill-')), 'coach.db');
    const first = practice(db, ['--question', seed.id]);
    await first.waitFor(/Situation \(aim for 45 s\)/);
    let mark = first.output().length;
    send(first.child, seed.parts.situation.good);
    await first.waitFor(/Task \(aim for/, mark);
    mark = first.output().length;
    send(first.child, seed.parts.task.good);
    await first.waitFor(/Action \(aim for/, mark);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.on('exit', resolve));

    const second = practice(db, []);
    await second.waitFor(/Resume it where you stopped\?/);
    send(second.child, 'y');
    await second.waitFor(/answering the Action/);
    mark = second.output().length;
    send(second.child, seed.parts.action.good);
    await second.waitFor(/Result \(aim for/, mark);
    second.child.stdin.end();
    await new Promise((resolve) => second.child.on('exit', resolve));

    const store = await openSqliteStore({ path: db });
    const key = { workspaceId: 'local', userId: 'kill-test' };
    const sessions = await store.listSessions(key);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.state.parts).toEqual({
      situation: seed.parts.situation.good,
      task: seed.parts.task.good,
      action: seed.parts.action.good,
    });
    expect(sessions[0]!.state.step).toEqual({ kind: 'part', part: 'result' });
    await store.close();
  }, 60_000);
});
