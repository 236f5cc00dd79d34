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
