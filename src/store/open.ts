import type { AppConfig } from '../config.ts';
import { StoreUnavailableError } from './errors.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export type DatabaseConfig = Pick<AppConfig, 'databasePath' | 'databaseUrl' | 'outboxLeaseSeconds'>;

/** Where the data lives, for logs and errors: a PostgreSQL URL loses its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (!config.databaseUrl) return `the SQLite database at ${config.databasePath} (DATABASE_PATH)`;
  let where = 'DATABASE_URL';
  try {
    const url = new URL(config.databaseUrl);
    url.password = '';
    url.search = '';
    where = url.toString();
  } catch {
    // libpq accepts URLs the WHATWG parser refuses; name the variable only.
  }
  return `the PostgreSQL database ${where} (DATABASE_URL)`;
}

/**
 * The bot's store: PostgreSQL when DATABASE_URL is set (it wins over DATABASE_PATH), else SQLite. pg is loaded
 * only when it is used. Migrations are applied before it returns.
 */
export async function openStore(
  config: DatabaseConfig,
  /** SLACK_TOKEN_ENCRYPTION_KEY (OAuth mode): installations can be stored and read only with it. */
  options: { tokenKey?: Buffer | null } = {},
): Promise<{ store: Store; kind: DatabaseKind }> {
  const tokenKey = options.tokenKey ?? null;
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/open.ts');
    const store = await openPostgresStore({
      url: config.databaseUrl,
      outboxLeaseMs: config.outboxLeaseSeconds * 1000,
      tokenKey,
    });
    return { store, kind: 'postgres' };
  }
  return { store: await openSqliteStore({ path: config.databasePath, tokenKey }), kind: 'sqlite' };
}

/** The start-up error in words for the person running the app. */
export function openFailure(config: DatabaseConfig, error: unknown): string {
  const where = describeDatabase(config);
  if (error instanceof StoreUnavailableError) {
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    return `Cannot reach ${where}: ${cause}. Check that the server is running and accepts connections from here, and that DATABASE_URL is right.`;
  }
  return `Cannot open ${where}:`;
}
