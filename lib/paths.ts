import * as path from 'node:path';

/** Repository root: handler entries in the route table and topology are relative to it. */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Maps a handler module path (relative to the repository root) to the file esbuild bundles. */
export type EntryResolver = (relativeEntry: string) => string;

export const repoEntry: EntryResolver = (relativeEntry) => path.join(REPO_ROOT, relativeEntry);

/** Topology names modules without folder or extension (`lead-fetch`); accept either form. */
export function handlerModule(folder: 'queues' | 'schedule', module: string): string {
  const file = module.endsWith('.ts') ? module : `${module}.ts`;
  return file.includes('/') ? file : `lambdas/handlers/${folder}/${file}`;
}
