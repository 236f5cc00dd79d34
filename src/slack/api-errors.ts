import { webApi } from '@slack/bolt';
import { NotInstalledError, TokenRefreshError } from './oauth/installation-tokens.ts';

/** How a failed Web API call should be handled. */
export type ApiFailure =
  /** Slack asked us to slow down: try again after `retryAfterMs`. */
  | { kind: 'rate-limited'; code: string; retryAfterMs: number }
  /** Network trouble or a Slack-side error: worth retrying with backoff. */
  | { kind: 'transient'; code: string }
  /** Slack refused the blocks: the plain-text fallback may still go through. */
  | { kind: 'rejected-blocks'; code: string }
  /** Retrying cannot help (no such channel, revoked token, missing scope, bad arguments). */
  | { kind: 'permanent'; code: string };

const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

const REJECTED_BLOCKS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_blocks_too_long']);

/** Errors that mean the app's token no longer works; every call will fail until someone reinstalls. */
export const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'app_uninstalled',
]);

const DEFAULT_RETRY_AFTER_S = 30;

export function classifyApiError(error: unknown): ApiFailure {
  if (error instanceof NotInstalledError) return { kind: 'permanent', code: 'not_installed' };
  if (error instanceof TokenRefreshError) return { kind: 'transient', code: 'token_refresh_failed' };
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: 'rate-limited', code: 'ratelimited', retryAfterMs: Math.max(1, error.retryAfter) * 1000 };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    if (REJECTED_BLOCKS.has(code)) return { kind: 'rejected-blocks', code };
    if (code === 'ratelimited')
      return { kind: 'rate-limited', code, retryAfterMs: DEFAULT_RETRY_AFTER_S * 1000 };
    return TRANSIENT_PLATFORM_ERRORS.has(code) ? { kind: 'transient', code } : { kind: 'permanent', code };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const code = `http_${error.statusCode}`;
    if (error.statusCode === 429) {
      const header = Number.parseInt(error.headers['retry-after'] ?? '', 10);
      return {
        kind: 'rate-limited',
        code,
        retryAfterMs: (Number.isNaN(header) ? DEFAULT_RETRY_AFTER_S : header) * 1000,
      };
    }
    return error.statusCode >= 500 || error.statusCode === 408
      ? { kind: 'transient', code }
      : { kind: 'permanent', code };
  }
  if (error instanceof webApi.WebAPIRequestError) return { kind: 'transient', code: 'request_failed' };
  return { kind: 'transient', code: error instanceof Error ? error.name : 'unknown_error' };
}

/**
 * Slack answered, with an error status or `ok: false`, so the message it was sent is taken as not posted. Only a
 * call that got no answer at all (a dropped connection, a timeout) may have posted it anyway.
 */
export function surelyNotPosted(error: unknown): boolean {
  return (
    error instanceof webApi.WebAPIRateLimitedError ||
    error instanceof webApi.WebAPIPlatformError ||
    error instanceof webApi.WebAPIHTTPError
  );
}

/** A short description for logs: the error code and what kind of failure it is; never tokens or message text. */
export function describeApiError(error: unknown): string {
  const failure = classifyApiError(error);
  const detail =
    error instanceof webApi.WebAPIRequestError
      ? `: ${error.original.message}`
      : error instanceof Error && !(error instanceof webApi.SlackError)
        ? `: ${error.message}`
        : '';
  return `${failure.code} (${failure.kind})${detail}`;
}

export const isAuthFailure = (error: unknown) => {
  const failure = classifyApiError(error);
  return failure.kind === 'permanent' && AUTH_ERRORS.has(failure.code);
};
