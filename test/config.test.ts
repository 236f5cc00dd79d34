import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const SECRET_TOKEN = 'xoxp-1234-very-secret';

describe('loadConfig', () => {
  it('reads HTTP mode with defaults', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc123' });
    expect(result).toEqual({
      ok: true,
      config: {
        botToken: 'xoxb-1',
        signingSecret: 'abc123',
        appToken: null,
        port: 3000,
        slackApiUrl: null,
        databasePath: './data/star-coach.db',
        databaseUrl: null,
        outboxLeaseSeconds: 60,
        logLevel: 'info',
        botId: null,
        botUserId: null,
        coachingPriority: 'idle',
        defaultPack: null,
      },
    });
  });

  it('reads Socket Mode without a signing secret, and every optional variable', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1-A',
      PORT: '8080',
      SLACK_API_URL: 'https://slack-gov.com/api/',
      DATABASE_PATH: '/var/lib/star/coach.db',
      LOG_LEVEL: 'debug',
      SLACK_BOT_ID: 'B0123',
      SLACK_BOT_USER_ID: 'U0123',
      COACHING_PRIORITY: 'low',
      DEFAULT_PACK: 'core-competencies',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        appToken: 'xapp-1-A',
        signingSecret: null,
        port: 8080,
        slackApiUrl: 'https://slack-gov.com/api/',
        databasePath: '/var/lib/star/coach.db',
        logLevel: 'debug',
        botId: 'B0123',
        botUserId: 'U0123',
        coachingPriority: 'low',
        defaultPack: 'core-competencies',
      },
    });
  });

  it('reads DATABASE_URL (postgres:// or postgresql://, libpq parameters kept) and OUTBOX_LEASE_SECONDS', () => {
    for (const url of [
      'postgres://coach@db.internal:5432/star?sslmode=require',
      'postgresql:///star?host=/var/run/postgresql',
    ]) {
      const result = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        DATABASE_PATH: '/var/lib/star/coach.db',
        DATABASE_URL: url,
        OUTBOX_LEASE_SECONDS: '90',
      });
      expect(result).toMatchObject({ ok: true, config: { databaseUrl: url, outboxLeaseSeconds: 90 } });
    }
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, without echoing it', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DATABASE_URL: 'mysql://root:hunter2@db/star',
      OUTBOX_LEASE_SECONDS: '0',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(!result.ok && result.message).toContain('OUTBOX_LEASE_SECONDS must be a whole number');
    expect(!result.ok && result.message).not.toContain('hunter2');
  });

  it('refuses a DEFAULT_PACK that is not a pack id', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DEFAULT_PACK: 'Core Competencies',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(
      'DEFAULT_PACK must be a pack id such as amazon-leadership-principles',
    );
  });

  it('treats empty values (as copied from .env.example) as unset', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_SIGNING_SECRET: '',
      PORT: '',
      LOG_LEVEL: '',
    });
    expect(result).toMatchObject({ ok: true, config: { port: 3000, logLevel: 'info', signingSecret: null } });
  });

  it('names every problem in one message, points to the README, and never prints a value', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: SECRET_TOKEN,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      COACHING_PRIORITY: 'realtime',
      SLACK_API_URL: 'slack dot com',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind-secret',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const name of [
      'SLACK_BOT_TOKEN',
      'PORT',
      'LOG_LEVEL',
      'SLACK_API_URL',
      'SLACK_APP_TOKEN',
      'COACHING_PRIORITY',
    ]) {
      expect(result.message).toContain(name);
    }
    expect(result.message).toContain('README.md');
    expect(result.message).not.toContain('secret');
    expect(result.message).not.toContain('eighty');
  });

  it('requires the bot token, and the signing secret in HTTP mode', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('SLACK_BOT_TOKEN is required');
    expect(result.message).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
  });

  it('wants the two bot ids together', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc', SLACK_BOT_ID: 'B1' });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('SLACK_BOT_USER_ID') });
  });
});

describe('loadConfig in OAuth mode', () => {
  const KEY = Buffer.alloc(32, 7).toString('base64');
  const OAUTH = {
    SLACK_CLIENT_ID: '1234567890.987654321',
    SLACK_CLIENT_SECRET: 'client-secret-value',
    SLACK_STATE_SECRET: 'a-state-secret-of-some-length',
    SLACK_SIGNING_SECRET: 'signing-secret',
    SLACK_TOKEN_ENCRYPTION_KEY: KEY,
  };
  const problems = (env: Record<string, string>) => {
    const result = loadConfig(env);
    if (result.ok) throw new Error('expected a configuration problem');
    return result.message;
  };

  it('SLACK_CLIENT_ID selects it, without a bot token', () => {
    const result = loadConfig(OAUTH);
    expect(result).toMatchObject({
      ok: true,
      config: {
        botToken: null,
        signingSecret: 'signing-secret',
        appToken: null,
        oauth: {
          clientId: OAUTH.SLACK_CLIENT_ID,
          clientSecret: OAUTH.SLACK_CLIENT_SECRET,
          stateSecret: OAUTH.SLACK_STATE_SECRET,
          allowStatelessInstall: false,
        },
      },
    });
    if (!result.ok) return;
    expect(result.config.oauth?.tokenKey.equals(Buffer.alloc(32, 7))).toBe(true);
    const stateless = loadConfig({ ...OAUTH, SLACK_ALLOW_STATELESS_INSTALL: 'true' });
    expect(stateless.ok && stateless.config.oauth?.allowStatelessInstall).toBe(true);
  });

  it('names every missing OAuth variable', () => {
    const message = problems({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID });
    for (const name of [
      'SLACK_CLIENT_SECRET',
      'SLACK_STATE_SECRET',
      'SLACK_SIGNING_SECRET',
      'SLACK_TOKEN_ENCRYPTION_KEY',
    ]) {
      expect(message).toContain(`${name} is required in OAuth mode`);
    }
    expect(message).not.toContain('SLACK_BOT_TOKEN is required');
  });

  it('refuses a bot token, an app token (Socket Mode) and fixed bot ids beside a client id', () => {
    const message = problems({
      ...OAUTH,
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_BOT_ID: 'B1',
      SLACK_BOT_USER_ID: 'U1',
    });
    expect(message).toContain('SLACK_BOT_TOKEN must be empty in OAuth mode');
    expect(message).toContain(
      'SLACK_APP_TOKEN cannot be used with SLACK_CLIENT_ID: OAuth mode runs in HTTP mode',
    );
    expect(message).toContain('SLACK_BOT_ID and SLACK_BOT_USER_ID must be empty in OAuth mode');
    expect(message).not.toContain('xoxb-1');
  });

  it('validates the encryption key: 32 bytes of base64, never echoed', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    const message = problems({ ...OAUTH, SLACK_TOKEN_ENCRYPTION_KEY: short });
    expect(message).toContain(
      'SLACK_TOKEN_ENCRYPTION_KEY must be 32 bytes in base64, but it decodes to 16 bytes',
    );
    expect(message).not.toContain(short);
    expect(problems({ ...OAUTH, SLACK_TOKEN_ENCRYPTION_KEY: 'not*base64' })).toContain(
      'SLACK_TOKEN_ENCRYPTION_KEY must be base64',
    );
    expect(problems({ ...OAUTH, SLACK_ALLOW_STATELESS_INSTALL: 'yes' })).toContain(
      'SLACK_ALLOW_STATELESS_INSTALL must be true or false',
    );
  });

  it('OAuth-only variables without a client id are a mistake', () => {
    const message = problems({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abc',
      SLACK_CLIENT_SECRET: 'x',
    });
    expect(message).toContain('SLACK_CLIENT_SECRET is used in OAuth mode only');
  });
});
