/** Exports as local files (`npm start` keeps them under .local/exports; tests under a temp folder). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExportStore } from '../../lambdas/core/ports';

export class FileExportStore implements ExportStore {
  constructor(private readonly dir: string) {}

  async write(tenantId: string, exportId: string, lines: string[]) {
    const folder = path.join(this.dir, tenantId);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${exportId}.jsonl`);
    const body = lines.join('\n') + (lines.length > 0 ? '\n' : '');
    writeFileSync(file, body);
    return { location: file, bytes: Buffer.byteLength(body) };
  }

  async downloadUrl(location: string): Promise<string> {
    return pathToFileURL(location).toString();
  }
}
