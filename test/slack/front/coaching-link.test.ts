import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { coachingResourceLimits, DEFAULT_COACHING_HEAP_MB } from '../../../src/slack/front/coaching-link.ts';

describe('the coaching thread heap cap (COACHING_HEAP_MB)', () => {
  it('caps the old generation at the default when unset or blank, and keeps the small young generation', () => {
    for (const env of [{}, { COACHING_HEAP_MB: '' }, { COACHING_HEAP_MB: '  ' }])
      expect(coachingResourceLimits(env)).toEqual({
        maxYoungGenerationSizeMb: 12,
        maxOldGenerationSizeMb: DEFAULT_COACHING_HEAP_MB,
      });
  });

  it('takes a whole number of 64 MB or more', () => {
    expect(coachingResourceLimits({ COACHING_HEAP_MB: ' 256 ' }).maxOldGenerationSizeMb).toBe(256);
    expect(coachingResourceLimits({ COACHING_HEAP_MB: '64' }).maxOldGenerationSizeMb).toBe(64);
  });

  it('falls back to the default for a bad value, which the configuration check reports by name', () => {
    for (const bad of ['32', '100.5', 'lots', '-1']) {
      expect(coachingResourceLimits({ COACHING_HEAP_MB: bad }).maxOldGenerationSizeMb).toBe(
        DEFAULT_COACHING_HEAP_MB,
      );
      const result = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'abc123',
        COACHING_HEAP_MB: bad,
      });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.message).toContain('COACHING_HEAP_MB must be a whole number of MB (64 or more)');
    }
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc123', COACHING_HEAP_MB: '96' }).ok,
    ).toBe(true);
  });
});
