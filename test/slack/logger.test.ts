import { describe, expect, it } from 'vitest';
import { AppLogger, type LogLine, redactSecrets } from '../../src/slack/logger.ts';

describe('AppLogger', () => {
  it('redacts bot, user and app tokens and bearer headers wherever they appear', () => {
    expect(redactSecrets('token xoxb-123-456-abcDEF used')).toBe('token xoxb-[redacted] used');
    expect(redactSecrets('xapp-1-A0-999-zz and xoxp-9-9')).toBe('xapp-[redacted] and xoxp-[redacted]');
    expect(redactSecrets('Authorization: Bearer xoxb-1-2')).toBe('Authorization: Bearer [redacted]');
  });

  it('filters by level and redacts objects and errors too', () => {
    const lines: LogLine[] = [];
    const logger = new AppLogger('info', (line) => lines.push(line));
    logger.debug('hidden answer text');
    logger.info('request', { headers: { authorization: 'Bearer xoxb-1-2-3' } });
    logger.error(new Error('failed with xoxb-1-2-3'));
    expect(lines.map((l) => l.level)).toEqual(['info', 'error']);
    expect(lines.map((l) => l.message).join('\n')).not.toContain('xoxb-1');
    expect(lines[1]?.message).toContain('Error: failed with xoxb-[redacted]');
  });
});
