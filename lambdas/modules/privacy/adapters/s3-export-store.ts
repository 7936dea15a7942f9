import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportStore } from '../ports';

/** Exports in the stack's private bucket (encrypted at rest, expiring after 7 days), shared by presigned URL. */
export class S3ExportStore implements ExportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly linkSeconds = 3600,
  ) {}

  async write(tenantId: string, exportId: string, lines: string[]) {
    const body = lines.join('\n') + (lines.length > 0 ? '\n' : '');
    const key = `exports/${tenantId}/${exportId}.jsonl`;
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/x-ndjson',
      }),
    );
    return { location: `s3://${this.bucket}/${key}`, bytes: Buffer.byteLength(body) };
  }

  async downloadUrl(location: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(location) }), {
      expiresIn: this.linkSeconds,
    });
  }

  /** S3 answers a delete of a missing key with success, so a repeated purge is harmless. */
  async remove(location: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(location) }));
  }

  private keyOf(location: string): string {
    const prefix = `s3://${this.bucket}/`;
    if (!location.startsWith(prefix)) throw new Error('export location is not in this bucket');
    return location.slice(prefix.length);
  }
}
