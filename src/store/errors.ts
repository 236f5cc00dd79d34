import type { UserKey } from './types.ts';

/** A turn tried to make a second session active for a user who already has one. */
export class ActiveSessionExistsError extends Error {
  constructor(
    readonly key: UserKey,
    readonly sessionId: string,
    options?: ErrorOptions,
  ) {
    super(
      `User ${key.userId} in workspace ${key.workspaceId} already has an active session; ` +
        `session ${sessionId} cannot become active too`,
      options,
    );
    this.name = 'ActiveSessionExistsError';
  }
}

/** A commit that contradicts itself or touches a session owned by another user. */
export class InvalidCommitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCommitError';
  }
}

/**
 * The database did not answer: it could not be reached, or the connection dropped mid-query. Whatever the call
 * was writing is either all written or not at all (one transaction); trying again later is safe.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
