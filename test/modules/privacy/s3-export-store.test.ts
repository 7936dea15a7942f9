/**
 * The production export store (S3ExportStore over adapters/aws-http/s3-objects.ts) against fauxqs's S3
 * behind the local S3 front, which checks presigned links as S3 documents them: the file a tenant's export
 * becomes, the presigned link it is handed out by, and the link's refusal once expired, tampered with, or
 * absent. The SDK's own client sets the bucket up and plays the stranger.
 */
import {
  CreateBucketCommand,
  GetObjectCommand,
  S3Client,
  type S3Client as S3ClientType,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { S3ExportStore } from '../../../lambdas/modules/privacy/adapters/s3-export-store';
import type { S3Objects } from '../../../lambdas/platform/adapters/aws-http/s3-objects';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  createS3Client,
  localS3Objects,
} from '../../../local/infra/aws-clients';
import { startQueueBroker, type QueueBroker } from '../../../local/infra/queue-broker';
import { startS3Endpoint, type S3Endpoint } from '../../../local/infra/s3-endpoint';

const BUCKET = 'exports-test';

describe('S3ExportStore against the local S3', () => {
  let fauxqs: QueueBroker;
  let front: S3Endpoint;
  let s3: S3ClientType;
  let objects: S3Objects;
  let store: S3ExportStore;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    fauxqs = await startQueueBroker({ queues: [] });
    front = await startS3Endpoint({
      upstream: fauxqs.endpoint,
      credentials: LOCAL_CREDENTIALS,
      region: LOCAL_REGION,
      now: () => Date.now() + clockOffsetMs,
    });
    s3 = createS3Client(front.url);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    objects = localS3Objects(front.url, BUCKET);
    store = new S3ExportStore(objects);
  });
  afterEach(() => {
    clockOffsetMs = 0;
  });
  afterAll(async () => {
    s3.destroy();
    objects.destroy();
    await front.close();
    await fauxqs.close();
  });

  it('writes JSON Lines and serves them through a presigned link until the link expires', async () => {
    const lines = [JSON.stringify({ kind: 'lead', id: 'l1' }), JSON.stringify({ kind: 'lead', id: 'ł2' })];
    const { location, bytes } = await store.write('tenant-a', 'exp_1', lines);
    expect(location).toBe(`s3://${BUCKET}/exports/tenant-a/exp_1.jsonl`);
    const url = await store.downloadUrl(location);
    expect(url).toMatch(
      new RegExp(`^${front.url}/${BUCKET}/exports/tenant-a/exp_1\\.jsonl\\?.*X-Amz-Expires=3600`),
    );

    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-ndjson');
    const body = await ok.text();
    expect(body).toBe(`${lines.join('\n')}\n`);
    expect(Buffer.byteLength(body)).toBe(bytes);

    // an hour later the same link still works for a few seconds more, then S3 refuses it
    clockOffsetMs = 3590_000;
    expect((await fetch(url)).status).toBe(200);
    clockOffsetMs = 3601_000;
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    const xml = await expired.text();
    expect(xml).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
    expect(xml).toContain('<X-Amz-Expires>3600</X-Amz-Expires>');
  });

  it('refuses a link for another key, a link signed with unknown credentials, and an unsigned GET', async () => {
    const { location } = await store.write('tenant-a', 'exp_2', ['{}']);
    const url = new URL(await store.downloadUrl(location));
    const forged = new URL(url);
    forged.pathname = forged.pathname.replace('tenant-a', 'tenant-b');
    const refused = await fetch(forged);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');

    const stranger = new S3Client({
      region: LOCAL_REGION,
      endpoint: front.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'nope' },
    });
    const strangeUrl = await getSignedUrl(
      stranger,
      new GetObjectCommand({ Bucket: BUCKET, Key: 'exports/tenant-a/exp_2.jsonl' }),
    );
    stranger.destroy();
    expect(await (await fetch(strangeUrl)).text()).toContain('<Code>InvalidAccessKeyId</Code>');

    const bare = await fetch(`${url.origin}${url.pathname}`);
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('removes a file (twice is harmless); its link then finds nothing', async () => {
    const { location } = await store.write('tenant-a', 'exp_3', ['{}']);
    const url = await store.downloadUrl(location);
    await store.remove(location);
    await store.remove(location);
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it('a write to a bucket that does not exist fails with S3’s NoSuchBucket, without another try', async () => {
    const missing = localS3Objects(front.url, 'no-such-bucket');
    try {
      await expect(new S3ExportStore(missing).write('tenant-a', 'exp_4', ['{}'])).rejects.toMatchObject({
        name: 'NoSuchBucket',
        $metadata: { httpStatusCode: 404, attempts: 1 },
      });
    } finally {
      missing.destroy();
    }
  });

  it('refuses a location outside its bucket', async () => {
    await expect(store.downloadUrl('s3://another-bucket/exports/x.jsonl')).rejects.toThrow(
      'export location is not in this bucket',
    );
  });
});
