import * as path from 'node:path';

/** Repository root: handler entries in the route table and topology are relative to it. */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Maps a handler module path (relative to the repository root) to the file esbuild bundles. */
export type EntryResolver = (relativeEntry: string) => string;

export const repoEntry: EntryResolver = (relativeEntry) => path.join(REPO_ROOT, relativeEntry);

/** Where a topology worker or job is (a module path, or a bare name in the old folders). */
export { handlerEntry as handlerModule } from '../lambdas/platform/contracts/topology';
