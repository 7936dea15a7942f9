/**
 * A deliberately tiny logger for the local runtime's own plumbing (not the handlers: they log through
 * Powertools exactly as in Lambda). Tests pass `enabled: false` so a passing suite prints nothing.
 */
export interface LocalLog {
  info(component: string, message: string): void;
  warn(component: string, message: string): void;
  error(component: string, message: string, err?: unknown): void;
}

export function createLog(enabled: boolean): LocalLog {
  if (!enabled) return { info: () => {}, warn: () => {}, error: () => {} };
  const line = (component: string, message: string) => `[local:${component}] ${message}`;
  return {
    info: (c, m) => console.log(line(c, m)),
    warn: (c, m) => console.warn(line(c, m)),
    error: (c, m, err) =>
      console.error(line(c, m), err instanceof Error ? (err.stack ?? err.message) : (err ?? '')),
  };
}

export const silentLog: LocalLog = createLog(false);
