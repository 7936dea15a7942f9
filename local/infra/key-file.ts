/**
 * Reads a small secret file from the local state directory, or creates it on first start. Files are
 * written with mode 0600 and created exclusively, so two processes starting at once never end up with
 * different keys (the loser simply reads the winner's file).
 */
import fs from 'node:fs';
import path from 'node:path';

export function readOrCreateKeyFile(file: string, create: () => string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content = create();
  try {
    fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    return content;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8');
    throw err;
  }
}
