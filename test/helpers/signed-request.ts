import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

/** Slack's v0 request signature headers for a raw body. */
export function signatureHeaders(
  body: string,
  secret = SIGNING_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': `v0=${signature}` };
}

export interface SendOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

async function send(url: string, body: string, contentType: string, options: SendOptions = {}) {
  return fetch(url, {
    method: 'POST',
    headers: {
      // Bolt compares the form content type exactly: no charset suffix.
      'Content-Type': contentType,
      ...signatureHeaders(body, options.secret, options.timestamp),
      ...options.headers,
    },
    body,
  });
}

/** A slash command, form-encoded as Slack sends it. */
export function sendCommand(url: string, fields: Record<string, string>, options?: SendOptions) {
  return send(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** An Events API delivery (JSON envelope). */
export function sendEvent(url: string, envelope: object, options?: SendOptions) {
  return send(url, JSON.stringify(envelope), 'application/json', options);
}

/** An interaction: one form field `payload` holding JSON. */
export function sendInteraction(url: string, payload: object, options?: SendOptions) {
  return send(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}
