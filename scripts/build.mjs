// `npm run build` (and `prepare`, which npm runs after `npm install` / `npm ci`): compiles src/ to dist/ with the
// TypeScript compiler, from a clean dist/ so no file of a deleted source lingers.
// `--if-compiler`: a production install (`npm ci --omit=dev`) has no compiler; then it keeps the dist/ that
// a full install built, and only fails when there is none.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  if (process.argv.includes('--if-compiler') && existsSync('dist/main.js')) {
    console.log('TypeScript is not installed (production install): keeping the existing dist/.');
    process.exit(0);
  }
  console.error(
    'Cannot build dist/: TypeScript is not installed. Run a full `npm install` (or `npm ci`) first, which builds ' +
      'dist/; `npm prune --omit=dev` afterwards keeps it.',
  );
  process.exit(1);
}
rmSync('dist', { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// Validates the question bank once now, so the first start reads it from the cache (see src/content/load.ts).
// A content problem does not fail the build: the app reports it, with the file and field, when it starts.
try {
  const { loadContent } = await import('../dist/content/load.js');
  loadContent();
} catch (error) {
  console.warn(`The question bank did not validate, so it is not cached:\n${error.message}`);
}
