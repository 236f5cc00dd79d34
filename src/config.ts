import { z } from 'zod';
import { MIN_COACHING_HEAP_MB } from './slack/front/coaching-link.ts';
import { parseTokenKey, TokenKeyError } from './store/token-cipher.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
/** How far the coaching thread (HTTP mode) steps back from the thread that acknowledges Slack's requests. */
export const COACHING_PRIORITIES = ['idle', 'low'] as const;
export type CoachingPriority = (typeof COACHING_PRIORITIES)[number];

export const CONFIG_HELP = 'See "Configuration" in README.md; .env.example lists every variable.';

/** OAuth mode (SLACK_CLIENT_ID set): the app is installed into many workspaces, each with its own tokens. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** SLACK_TOKEN_ENCRYPTION_KEY, decoded: 32 bytes. */
  tokenKey: Buffer;
  /** Accept an install without a state (admin-initiated org-wide installs), only for enterprise installs. */
  allowStatelessInstall: boolean;
}

export interface AppConfig {
  /** The one workspace's bot token; null in OAuth mode, where each workspace's token is in the database. */
  botToken: string | null;
  /** Required in HTTP mode; unused in Socket Mode. */
  signingSecret: string | null;
  /** Socket Mode when set. */
  appToken: string | null;
  port: number;
  /** Base URL of Slack's Web API (GovSlack, a proxy); null for Slack's default. */
  slackApiUrl: string | null;
  databasePath: string;
  /** PostgreSQL connection URL (DATABASE_URL); when set it wins over databasePath. null: SQLite. */
  databaseUrl: string | null;
  /** A message whose post started this long ago with no outcome may be claimed by another instance. */
  outboxLeaseSeconds: number;
  logLevel: LogLevelName;
  /** Known bot ids skip the auth.test call at start-up (tests, or starting while Slack is unreachable). */
  botId: string | null;
  botUserId: string | null;
  /** idle: SCHED_IDLE and niceness 10; low: niceness 10 only (for hosts whose other work keeps every core busy). */
  coachingPriority: CoachingPriority;
  /** The workspace's default question pack (DEFAULT_PACK); null: the Amazon pack (checked against the content at start). */
  defaultPack: string | null;
  /** Days to keep finished practice sessions; absent keeps them until the user deletes them. */
  retentionDays?: number;
  /** Set in OAuth mode only. */
  oauth?: OAuthConfig;
}

export const DEFAULT_DATABASE_PATH = './data/star-coach.db';
export const DEFAULT_OUTBOX_LEASE_SECONDS = 60;

// Messages never echo the value: a mistyped variable may hold a token.
const blankAsMissing = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsMissing, schema.optional());
const token = (prefix: string, kind: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .refine((value) => value.startsWith(prefix), `must be a ${kind} (it starts with "${prefix}")`);

const secret = (what: string) =>
  z.string().trim().regex(/^\S+$/, `must be the app's ${what} (one word, no spaces)`);

const envSchema = z.object({
  // Required unless SLACK_CLIENT_ID selects OAuth mode (see crossFieldProblems).
  SLACK_BOT_TOKEN: optional(token('xoxb-', 'bot token')),
  SLACK_CLIENT_ID: optional(
    z
      .string()
      .trim()
      .regex(
        /^[0-9]+\.[0-9]+$/,
        "must be the app's Client ID (digits, a dot, digits, e.g. 1234567890.1234567890)",
      ),
  ),
  SLACK_CLIENT_SECRET: optional(secret('Client Secret')),
  SLACK_STATE_SECRET: optional(
    z.string().trim().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 32)'),
  ),
  SLACK_TOKEN_ENCRYPTION_KEY: optional(
    z
      .string()
      .trim()
      .transform((value, ctx) => {
        try {
          return parseTokenKey(value);
        } catch (error) {
          if (!(error instanceof TokenKeyError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message });
          return z.NEVER;
        }
      }),
  ),
  SLACK_ALLOW_STATELESS_INSTALL: optional(
    z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true'),
  ),
  SLACK_SIGNING_SECRET: optional(
    z.string().trim().regex(/^\S+$/, "must be the app's signing secret (one word, no spaces)"),
  ),
  SLACK_APP_TOKEN: optional(token('xapp-', 'app-level token')),
  PORT: optional(
    z.coerce
      .number({ error: 'must be a whole number from 0 to 65535' })
      .int('must be a whole number from 0 to 65535')
      .min(0, 'must be a whole number from 0 to 65535')
      .max(65535, 'must be a whole number from 0 to 65535'),
  ),
  SLACK_API_URL: optional(
    z
      .string()
      .trim()
      .refine(
        (value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value),
        'must be an http(s) URL such as https://slack.com/api/',
      ),
  ),
  DATABASE_PATH: optional(z.string().trim()),
  DATABASE_URL: optional(
    z
      .string()
      .trim()
      .refine(
        (value) => /^postgres(ql)?:\/\/\S*$/.test(value),
        'must be a PostgreSQL URL such as postgres://user@host:5432/star_coach',
      ),
  ),
  OUTBOX_LEASE_SECONDS: optional(
    z.coerce
      .number({ error: 'must be a whole number of seconds (1 or more)' })
      .int('must be a whole number of seconds (1 or more)')
      .min(1, 'must be a whole number of seconds (1 or more)'),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  SLACK_BOT_ID: optional(
    z
      .string()
      .trim()
      .regex(/^B[A-Z0-9]+$/, 'must be a bot id such as B0123ABCD'),
  ),
  SLACK_BOT_USER_ID: optional(
    z
      .string()
      .trim()
      .regex(/^[UW][A-Z0-9]+$/, 'must be a user id such as U0123ABCD'),
  ),
  COACHING_PRIORITY: optional(
    z.enum(COACHING_PRIORITIES, { error: `must be one of ${COACHING_PRIORITIES.join(', ')}` }),
  ),
  DEFAULT_PACK: optional(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a pack id such as amazon-leadership-principles'),
  ),
  COACHING_HEAP_MB: optional(
    z.coerce
      .number({ error: `must be a whole number of MB (${MIN_COACHING_HEAP_MB} or more)` })
      .int(`must be a whole number of MB (${MIN_COACHING_HEAP_MB} or more)`)
      .min(MIN_COACHING_HEAP_MB, `must be a whole number of MB (${MIN_COACHING_HEAP_MB} or more)`),
  ),
  RETENTION_DAYS: optional(
    z.coerce
      .number({ error: 'must be a whole number of days (1 or more)' })
      .int('must be a whole number of days (1 or more)')
      .min(1, 'must be a whole number of days (1 or more)'),
  ),
});

/** Rules across variables, checked on the raw values so they are reported alongside every other problem. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const has = (name: string) => blankAsMissing(env[name]) !== undefined;
  const problems: string[] = [];
  if (has('SLACK_CLIENT_ID')) return [...problems, ...oauthProblems(has)];
  if (!has('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN is required (or set SLACK_CLIENT_ID to install into many workspaces with OAuth)',
    );
  }
  for (const name of OAUTH_ONLY) {
    if (has(name))
      problems.push(`${name} is used in OAuth mode only: set SLACK_CLIENT_ID too, or leave it empty`);
  }
  if (!has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)',
    );
  }
  if (has('SLACK_BOT_ID') !== has('SLACK_BOT_USER_ID')) {
    problems.push(
      `${has('SLACK_BOT_ID') ? 'SLACK_BOT_USER_ID' : 'SLACK_BOT_ID'} must be set together with the other one (SLACK_BOT_ID and SLACK_BOT_USER_ID)`,
    );
  }
  return problems;
}

const OAUTH_REQUIRED = [
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_SIGNING_SECRET',
  'SLACK_TOKEN_ENCRYPTION_KEY',
] as const;
const OAUTH_ONLY = ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_ALLOW_STATELESS_INSTALL'] as const;

/** OAuth mode: its own secrets, HTTP only, and no single-workspace token or bot ids. */
function oauthProblems(has: (name: string) => boolean): string[] {
  const problems: string[] = [];
  for (const name of OAUTH_REQUIRED) {
    if (!has(name)) problems.push(`${name} is required in OAuth mode (SLACK_CLIENT_ID is set)`);
  }
  if (has('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN must be empty in OAuth mode: each workspace gets its own token when it installs the app (or leave SLACK_CLIENT_ID empty to serve one workspace)',
    );
  }
  if (has('SLACK_APP_TOKEN')) {
    problems.push(
      'SLACK_APP_TOKEN cannot be used with SLACK_CLIENT_ID: OAuth mode runs in HTTP mode (leave SLACK_APP_TOKEN empty and set SLACK_SIGNING_SECRET), or leave SLACK_CLIENT_ID empty for Socket Mode in one workspace',
    );
  }
  if (has('SLACK_BOT_ID') || has('SLACK_BOT_USER_ID')) {
    problems.push(
      'SLACK_BOT_ID and SLACK_BOT_USER_ID must be empty in OAuth mode: each workspace has its own bot user',
    );
  }
  return problems;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; message: string };

/** Validates the environment; on failure, one message naming every problem (never a value). */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`);
  const problems = [...issues, ...crossFieldProblems(env)];
  if (!parsed.success || problems.length > 0) {
    const unique = [...new Set(problems)].map((p) => `  - ${p}`);
    return {
      ok: false,
      message: `STAR Coach cannot start: the configuration has ${unique.length === 1 ? 'a problem' : 'problems'}:\n${unique.join('\n')}\n${CONFIG_HELP}`,
    };
  }
  const e = parsed.data;
  const oauth: OAuthConfig | null =
    e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.SLACK_TOKEN_ENCRYPTION_KEY
      ? {
          clientId: e.SLACK_CLIENT_ID,
          clientSecret: e.SLACK_CLIENT_SECRET,
          stateSecret: e.SLACK_STATE_SECRET,
          tokenKey: e.SLACK_TOKEN_ENCRYPTION_KEY,
          allowStatelessInstall: e.SLACK_ALLOW_STATELESS_INSTALL ?? false,
        }
      : null;
  return {
    ok: true,
    config: {
      botToken: e.SLACK_BOT_TOKEN ?? null,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      port: e.PORT ?? 3000,
      slackApiUrl: e.SLACK_API_URL ?? null,
      databasePath: e.DATABASE_PATH ?? DEFAULT_DATABASE_PATH,
      databaseUrl: e.DATABASE_URL ?? null,
      outboxLeaseSeconds: e.OUTBOX_LEASE_SECONDS ?? DEFAULT_OUTBOX_LEASE_SECONDS,
      logLevel: e.LOG_LEVEL ?? 'info',
      botId: e.SLACK_BOT_ID ?? null,
      botUserId: e.SLACK_BOT_USER_ID ?? null,
      coachingPriority: e.COACHING_PRIORITY ?? 'idle',
      defaultPack: e.DEFAULT_PACK ?? null,
      ...(e.RETENTION_DAYS ? { retentionDays: e.RETENTION_DAYS } : {}),
      ...(oauth ? { oauth } : {}),
    },
  };
}
