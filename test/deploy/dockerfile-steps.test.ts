import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dmOf } from '../helpers/fake-slack.ts';
import { FakeSlackServer } from '../helpers/fake-slack-server.ts';
import { SIGNING_SECRET, sendCommand } from '../helpers/signed-request.ts';
import { commandFields } from '../helpers/slack-payloads.ts';
import {
  commandOf,
  copyBuildContext,
  copyInto,
  envOf,
  healthcheckCommand,
  type Instruction,
  parseDockerfile,
} from './dockerfile.ts';

/**
 * No container engine here (nor in CI): the Dockerfile's steps run on the host instead, each stage in its own
 * folder standing for the image's WORKDIR. The build stage's RUN steps (full install, build, prune) run as
 * written on the context .dockerignore lets through; the runtime stage gets only what its COPY lines take; then
 * its CMD starts the app and its HEALTHCHECK command must fail before the app is up and pass once it is.
 */
const ROOT = process.cwd();
// A full `npm ci` takes about a minute on a quiet machine, and many on one whose cores other work keeps busy.
const STEP_TIMEOUT_MS = 30 * 60_000;
const work = mkdtempSync(join(tmpdir(), 'star-dockerfile-'));
/** Steps still running when the test ends (a timeout) are stopped before their folder is removed. */
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}, 300_000);

interface BuiltStage {
  dir: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  healthcheck: string[] | null;
  cmd: string[] | null;
}

const hostEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work });

function run(
  command: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const [file = '', ...args] = command;
    const child = spawn(file, args, { cwd, env });
    running.add(child);
    child.once('exit', () => running.delete(child));
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Where an absolute path inside a stage's image lies in its folder (only paths under WORKDIR are simulated). */
function inStage(stage: BuiltStage, path: string): string {
  const inside = isAbsolute(path) ? relative(stage.workdir, path) : path;
  if (inside.startsWith('..')) throw new Error(`${path} is outside WORKDIR ${stage.workdir}: not simulated`);
  return join(stage.dir, inside) + (path.endsWith('/') ? '/' : '');
}

async function buildStage(
  name: string,
  instructions: Instruction[],
  built: Map<string, BuiltStage>,
  context: string,
): Promise<BuiltStage> {
  const stage: BuiltStage = {
    dir: join(work, `stage-${name}`),
    workdir: '/',
    env: {},
    user: null,
    healthcheck: null,
    cmd: null,
  };
  mkdirSync(stage.dir, { recursive: true });
  for (const { keyword, flags, args } of instructions) {
    if (keyword === 'WORKDIR') stage.workdir = args;
    else if (keyword === 'ENV') Object.assign(stage.env, envOf(args));
    else if (keyword === 'USER') stage.user = args;
    else if (keyword === 'HEALTHCHECK') stage.healthcheck = healthcheckCommand(args);
    else if (keyword === 'CMD') stage.cmd = commandOf(args);
    else if (keyword === 'COPY') {
      const paths = args.split(/\s+/);
      const dest = paths.pop() ?? '';
      const from = flags.from ? built.get(flags.from) : undefined;
      if (flags.from && !from) throw new Error(`COPY --from=${flags.from}: no such earlier stage`);
      const sources = paths.map((p) => (from ? inStage(from, p) : join(context, p)));
      copyInto(sources, inStage(stage, dest));
    } else if (keyword === 'RUN') {
      // Prefer npm's cache on this machine; the step itself runs as written.
      const env = { ...hostEnv(), ...stage.env, npm_config_prefer_offline: 'true' };
      const started = Date.now();
      const { code, output } = await run(commandOf(args), stage.dir, env);
      console.log(`  ${name}: RUN ${args} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      if (code !== 0) throw new Error(`RUN ${args} exited ${code}:\n${output.slice(-4000)}`);
    } else if (!['EXPOSE', 'LABEL', 'ARG'].includes(keyword)) {
      throw new Error(`${keyword} is not simulated by this test: teach it how`);
    }
  }
  built.set(name, stage);
  return stage;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function eventually(check: () => Promise<boolean>, what: string, app: ChildProcess, log: () => string) {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}) before ${what}:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Dockerfile', () => {
  const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const runtime = stages.at(-1);

  it('is multi-stage and runs as a non-root user with a health check', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const keywords = runtime?.instructions.map((i) => i.keyword) ?? [];
    const user = runtime?.instructions.findLast((i) => i.keyword === 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(keywords).toContain('HEALTHCHECK');
    expect(keywords).toContain('CMD');
    // The runtime image installs nothing: no compiler, no network at run time.
    expect(keywords).not.toContain('RUN');
  });

  it(
    'builds on the host from its steps, and the runtime stage starts and passes its own HEALTHCHECK',
    async () => {
      const context = join(work, 'context');
      const files = copyBuildContext(ROOT, context);
      expect(files).toContain('package-lock.json');
      expect(files.some((f) => f.startsWith('node_modules/') || f.startsWith('.git/') || f === '.env')).toBe(
        false,
      );

      const built = new Map<string, BuiltStage>();
      let final: BuiltStage | undefined;
      for (const stage of stages) final = await buildStage(stage.name, stage.instructions, built, context);
      if (!final?.cmd || !final.healthcheck) throw new Error('the last stage has no CMD or HEALTHCHECK');

      // Pruned: the build and its production dependencies, without the development tools or the sources.
      // npm's lockfile marks what only the development tools need (`dev: true`).
      const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { dev?: boolean }>;
      };
      const devOnly = Object.entries(lock.packages)
        .filter(([path, entry]) => entry.dev === true && path.startsWith('node_modules/'))
        .map(([path]) => path);
      expect(devOnly).toContain('node_modules/typescript');
      expect(devOnly.filter((path) => existsSync(join(final.dir, path)))).toEqual([]);
      expect(existsSync(join(final.dir, 'dist/main.js'))).toBe(true);
      expect(existsSync(join(final.dir, 'src'))).toBe(false);

      const slack = await new FakeSlackServer().start();
      const port = await freePort();
      const env = {
        ...hostEnv(),
        ...final.env,
        PORT: String(port),
        DATABASE_PATH: join(work, 'data', 'coach.db'),
        SLACK_BOT_TOKEN: 'xoxb-docker-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        COACHING_PRIORITY: 'low',
      };
      const healthcheck = () => run(final.healthcheck ?? [], final.dir, env);
      expect((await healthcheck()).code).not.toBe(0);

      const [file = '', ...args] = final.cmd;
      const app = spawn(file, args, { cwd: final.dir, env });
      running.add(app);
      let log = '';
      app.stdout.on('data', (chunk) => {
        log += String(chunk);
      });
      app.stderr.on('data', (chunk) => {
        log += String(chunk);
      });
      const exited = new Promise<number | null>((resolve) => app.once('exit', resolve));
      try {
        await eventually(
          async () => (await healthcheck()).code === 0,
          'the HEALTHCHECK to pass',
          app,
          () => log,
        );
        const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
        expect(health).toMatchObject({
          status: 'ok',
          mode: 'http',
          database: 'open',
          databaseKind: 'sqlite',
        });

        const answered = await sendCommand(
          `http://127.0.0.1:${port}/slack/events`,
          commandFields('dive-deep', 'U0DOCKER'),
        );
        expect(answered.status).toBe(200);
        await eventually(
          async () =>
            slack.calls.some((c) => c.method === 'chat.postMessage' && c.form.channel === dmOf('U0DOCKER')),
          'the question in the DM',
          app,
          () => log,
        );
      } finally {
        if (app.exitCode === null) app.kill('SIGTERM');
        const code = await exited;
        await slack.stop();
        expect(code, log).toBe(0);
      }
      expect((await healthcheck()).code).not.toBe(0);
    },
    STEP_TIMEOUT_MS,
  );
});
