import type { S3Objects } from '../../../platform/adapters/aws-http/s3-objects';
import type { ExportStore } from '../ports';

/** Exports in the stack's private bucket (encrypted at rest, expiring after 7 days), shared by presigned URL. */
export class S3ExportStore implements ExportStore {
  constructor(
    private readonly objects: Pick<S3Objects, 'bucket' | 'putObject' | 'deleteObject' | 'presignGet'>,
    private readonly linkSeconds = 3600,
  ) {}

  async write(tenantId: string, exportId: string, lines: string[]) {
    const body = lines.join('\n') + (lines.length > 0 ? '\n' : '');
    const key = `exports/${tenantId}/${exportId}.jsonl`;
    await this.objects.putObject(key, body, 'application/x-ndjson');
    return { location: `s3://${this.objects.bucket}/${key}`, bytes: Buffer.byteLength(body) };
  }

  async downloadUrl(location: string): Promise<string> {
    return this.objects.presignGet(this.keyOf(location), this.linkSeconds);
  }

  /** S3 answers a delete of a missing key with success, so a repeated purge is harmless. */
  async remove(location: string): Promise<void> {
    await this.objects.deleteObject(this.keyOf(location));
  }

  private keyOf(location: string): string {
    const prefix = `s3://${this.objects.bucket}/`;
    if (!location.startsWith(prefix)) throw new Error('export location is not in this bucket');
    return location.slice(prefix.length);
  }
}
