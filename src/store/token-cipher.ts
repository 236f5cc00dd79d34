import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Version prefix, so a later format or key scheme can be told apart from this one. */
const PREFIX = 'v1:';

/** SLACK_TOKEN_ENCRYPTION_KEY is not 32 bytes of base64. */
export class TokenKeyError extends Error {
  override name = 'TokenKeyError';
}

/** A stored token does not decrypt with this key (another key, or the value was altered). */
export class TokenDecryptError extends Error {
  override name = 'TokenDecryptError';
}

/** Decodes SLACK_TOKEN_ENCRYPTION_KEY: exactly 32 bytes in base64 (`openssl rand -base64 32`). */
export function parseTokenKey(text: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    throw new TokenKeyError('must be base64 (generate one with: openssl rand -base64 32)');
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new TokenKeyError(
      `must be 32 bytes in base64, but it decodes to ${key.length} bytes (generate one with: openssl rand -base64 32)`,
    );
  }
  return key;
}

/**
 * Authenticated encryption of tokens at rest: AES-256-GCM, a random IV per value, the auth tag stored with it.
 * `context` (the installation's key) is bound as additional data, so a value copied to another row fails to decrypt.
 */
export class TokenCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new TokenKeyError('The token key must be 32 bytes.');
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string, context: string): string {
    if (!stored.startsWith(PREFIX)) throw new TokenDecryptError('A stored token is not in a known format.');
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new TokenDecryptError('A stored token is truncated.');
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch (error) {
      throw new TokenDecryptError(
        'A stored token does not decrypt with SLACK_TOKEN_ENCRYPTION_KEY (another key, or the value was altered): reinstall the app in that workspace.',
        { cause: error },
      );
    }
  }
}
