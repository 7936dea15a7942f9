/**
 * Exports as local files (`npm start` keeps them under .local/exports; tests under a temp folder), handed
 * out like S3 presigned URLs: a link to the local API's `/_local/exports/…` carrying an expiry and an
 * HMAC over the file and the expiry, so only a link the service gave out, and only until it expires,
 * downloads the file.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportStore } from '../../lambdas/core/ports';

export const LOCAL_EXPORTS_PATH = '/_local/exports/';

export interface FileExportStoreOptions {
  dir: string;
  /** the local API's base URL, which serves {@link LOCAL_EXPORTS_PATH} */
  baseUrl: string;
  /** how long a link works, like the S3 adapter's presigned URLs */
  linkSeconds?: number;
  now?: () => number;
}

export interface ServedFile {
  status: number;
  contentType: string;
  body: Buffer | string;
}

export class FileExportStore implements ExportStore {
  // per process: links die with the runtime that gave them out, as a presigned URL dies with its key
  private readonly key = randomBytes(32);

  constructor(private readonly opts: FileExportStoreOptions) {}

  private get now() {
    return this.opts.now?.() ?? Date.now();
  }

  async write(tenantId: string, exportId: string, lines: string[]) {
    const folder = path.join(this.opts.dir, tenantId);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${exportId}.jsonl`);
    const body = lines.join('\n') + (lines.length > 0 ? '\n' : '');
    writeFileSync(file, body);
    return { location: file, bytes: Buffer.byteLength(body) };
  }

  async downloadUrl(location: string): Promise<string> {
    const relative = this.relative(location);
    const expires = Math.floor(this.now / 1000) + (this.opts.linkSeconds ?? 3600);
    const url = new URL(`${LOCAL_EXPORTS_PATH}${relative}`, this.opts.baseUrl);
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', this.sign(relative, expires));
    return url.toString();
  }

  async remove(location: string): Promise<void> {
    rmSync(path.join(this.opts.dir, this.relative(location)), { force: true });
  }

  /** Answers a GET of a link made by {@link downloadUrl}. */
  serve(url: URL): ServedFile {
    const relative = decodeURIComponent(url.pathname.slice(LOCAL_EXPORTS_PATH.length));
    const expires = Number(url.searchParams.get('expires'));
    const given = Buffer.from(url.searchParams.get('signature') ?? '', 'base64url');
    const expected = Buffer.from(this.sign(relative, expires), 'base64url');
    const problem = (status: number, detail: string): ServedFile => ({
      status,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Export link refused', status, detail }),
    });
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return problem(403, 'The link signature is not valid');
    if (!Number.isInteger(expires) || expires * 1000 < this.now) return problem(403, 'The link has expired');
    const file = path.join(this.opts.dir, relative);
    if (!existsSync(file)) return problem(404, 'The export file no longer exists');
    return { status: 200, contentType: 'application/x-ndjson', body: readFileSync(file) };
  }

  private sign(relative: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${relative}\n${expires}`).digest('base64url');
  }

  /** The file's path under the export folder, with forward slashes; refuses anything outside it. */
  private relative(location: string): string {
    const rel = path.relative(this.opts.dir, path.resolve(this.opts.dir, location));
    if (rel.startsWith('..') || path.isAbsolute(rel))
      throw new Error('export location is outside the folder');
    return rel.split(path.sep).join('/');
  }
}
