import { describe, expect, it } from 'vitest';
import { clickEventId } from '../../src/slack/click-id.ts';

describe('clickEventId', () => {
  it('is the same for the same click and differs for another channel, message or button', () => {
    const id = clickEventId('D0123ABC', '1700000000.000100', 'end');
    expect(clickEventId('D0123ABC', '1700000000.000100', 'end')).toBe(id);
    expect(clickEventId('D0999XYZ', '1700000000.000100', 'end')).not.toBe(id);
    expect(clickEventId('D0123ABC', '1700000000.000200', 'end')).not.toBe(id);
    expect(clickEventId('D0123ABC', '1700000000.000100', 'conflict')).not.toBe(id);
  });

  it('keeps no channel id or message time in the ledger', () => {
    const id = clickEventId('D0123ABC', '1700000000.000100', 'end');
    expect(id).toMatch(/^click:[0-9a-f]{32}$/);
    expect(id).not.toContain('D0123ABC');
    expect(id).not.toContain('1700000000');
  });
});
