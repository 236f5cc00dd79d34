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
