import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportStore } from '../../core/ports';

/** Exports in the stack's private bucket (KMS-encrypted, expiring after 7 days), shared by presigned URL. */
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
    const key = location.replace(`s3://${this.bucket}/`, '');
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: this.linkSeconds,
    });
  }
}
