/**
 * Where things live. The local runtime loads the very handler modules the CDK stack bundles, by their
 * repository-relative entry paths, so everything is resolved from the repository root.
 */
import path from 'node:path';

/** The repository root (this file is `<root>/local/paths.ts`). */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Default state directory for `npm start` (git-ignored): dynalite data, the vault key, the JWT key. */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.local');

/** Written by `npm start` so `npm run token` / `npm run sim` find the running runtime's URLs and issuer. */
export const RUNTIME_FILE_NAME = 'runtime.json';
