import { existsSync } from 'node:fs';

/** Reads a local `.env` into process.env when present; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
