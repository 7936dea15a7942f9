/**
 * Loads handler modules the way Lambda does: on first use ("cold start"), then keeps the created handler
 * for later invocations ("warm"). Modules are required by their repository-relative entry, the same path
 * the CDK stack bundles, so the code under test is the code that ships. A module that does not exist yet
 * (other people are still writing it) is reported as {@link HandlerUnavailableError}, which the HTTP server
 * answers with 501 and the pollers treat as "no consumer yet" — it is retried on the next use, so a module
 * added while the runtime is running is picked up without a restart.
 */
import fs from 'node:fs';
import path from 'node:path';

export class HandlerUnavailableError extends Error {
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`${entry}: ${reason}`);
    this.name = 'HandlerUnavailableError';
  }
}

/** Supplies the composition root's output; throws HandlerUnavailableError when it cannot be built yet. */
export type DependenciesProvider = () => unknown;

export interface HandlerLoader {
  /** the created handler for this entry; throws HandlerUnavailableError or the module's own load error */
  get<H = unknown>(entry: string): H;
  /** true when the module file exists (without loading it) */
  exists(entry: string): boolean;
}

export function createHandlerLoader(repoRoot: string, dependencies: DependenciesProvider): HandlerLoader {
  const created = new Map<string, unknown>();

  const resolve = (entry: string) => path.resolve(repoRoot, entry);
  const exists = (entry: string) => {
    // a module that was loaded exists: pollers ask before every receive, and the disk need not be asked
    if (created.has(entry)) return true;
    const file = resolve(entry);
    if (fs.existsSync(file)) return true;
    // entries may omit the extension
    return ['.ts', '.js'].some((ext) => fs.existsSync(file + ext));
  };

  return {
    exists,
    get<H>(entry: string): H {
      const cached = created.get(entry);
      if (cached) return cached as H;
      if (!exists(entry)) throw new HandlerUnavailableError(entry, 'handler module does not exist yet');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(resolve(entry)) as { createHandler?: (deps: unknown) => unknown };
      if (typeof mod.createHandler !== 'function') {
        throw new HandlerUnavailableError(entry, 'module does not export createHandler(deps)');
      }
      const handler = mod.createHandler(dependencies());
      if (typeof handler !== 'function')
        throw new Error(`${entry}: createHandler(deps) did not return a function`);
      created.set(entry, handler);
      return handler as H;
    },
  };
}
