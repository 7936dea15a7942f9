/**
 * `.local/runtime.json`: what `npm start` is serving, so the CLIs (`npm run token`, `npm run sim`, `npm run ops`) talk to
 * the running runtime (its simulator URL, its JWT issuer) without guessing ports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RUNTIME_FILE_NAME } from './paths';

export interface RuntimeFile {
  apiUrl: string;
  simUrl?: string;
  busUrl: string;
  /** fauxqs, for `npm run ops` (redrive) */
  sqsEndpoint?: string;
  /** the bus, its archive and its rules, for `npm run ops -- replay` */
  replay?: { busArn: string; archiveArn: string; ruleArns: string[] };
  /** the local Secrets Manager and the Meta secret, for `npm run ops -- rotate-…` */
  secretsManager?: { endpoint: string; metaSecretArn: string };
  issuer: string;
  audience: string;
  tenantClaim: string;
  pid: number;
  startedAt: string;
}

export function writeRuntimeFile(dataDir: string, content: RuntimeFile): string {
  const file = path.join(dataDir, RUNTIME_FILE_NAME);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

/** The file of a runtime that is still running (a stale file from a killed process is ignored). */
export function readRuntimeFile(dataDir: string): RuntimeFile | undefined {
  try {
    const content = JSON.parse(fs.readFileSync(path.join(dataDir, RUNTIME_FILE_NAME), 'utf8')) as RuntimeFile;
    return isAlive(content.pid) ? content : undefined;
  } catch {
    return undefined;
  }
}

export function removeRuntimeFile(dataDir: string, pid = process.pid): void {
  const file = path.join(dataDir, RUNTIME_FILE_NAME);
  try {
    const content = JSON.parse(fs.readFileSync(file, 'utf8')) as RuntimeFile;
    if (content.pid === pid) fs.rmSync(file, { force: true });
  } catch {
    // nothing to remove
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
