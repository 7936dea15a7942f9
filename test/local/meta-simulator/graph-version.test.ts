/**
 * The pinned Graph version: one value everywhere it is set, a version Meta lists, and not past the day
 * Meta stops serving it on either API the service calls (the Marketing API retires versions far sooner
 * than the Graph API). When this fails on its date, move the pin as the README describes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GRAPH_VERSIONS,
  PINNED_GRAPH_VERSION,
  versionExpires,
} from '../../../local/meta-simulator/contracts/graph-versions';
import { DEFAULT_GRAPH_VERSION } from '../../../local/runtime';
import { graphConfig } from '../../../lambdas/platform/wiring/env';

const ROOT = join(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

it('is one value in the CDK context, the Lambda default, the local runtime and the simulator', () => {
  const cdk = JSON.parse(read('cdk.json')) as { context: { metaGraphVersion: string } };
  expect(cdk.context.metaGraphVersion).toBe(PINNED_GRAPH_VERSION);
  expect(DEFAULT_GRAPH_VERSION).toBe(PINNED_GRAPH_VERSION);
  // a Lambda whose environment names no version calls the pinned one
  expect(graphConfig({}).metaGraphVersion).toBe(PINNED_GRAPH_VERSION);
  expect(read('local/meta-simulator/simulator-core.ts')).toContain(
    `options.graphVersion ?? '${PINNED_GRAPH_VERSION}'`,
  );
});

it('is a version Meta lists, still served by the Graph API and the Marketing API today', () => {
  const info = GRAPH_VERSIONS.find((v) => v.version === PINNED_GRAPH_VERSION);
  expect(info).toBeDefined();
  const today = new Date().toISOString().slice(0, 10);
  const expires = versionExpires(info!);
  if (expires !== null)
    expect({ today, expires, ok: today <= expires }).toEqual({ today, expires, ok: true });
});

it('the earlier of the two retirement dates decides', () => {
  expect(
    versionExpires({
      version: 'v0.0',
      released: '2026-01-01',
      graphApiUntil: '2028-07-29',
      marketingApiUntil: '2027-02-23',
    }),
  ).toBe('2027-02-23');
  expect(
    versionExpires({ version: 'v0.0', released: '2026-01-01', graphApiUntil: null, marketingApiUntil: null }),
  ).toBeNull();
});
