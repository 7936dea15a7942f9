/**
 * What the deployed bundles put where the X-Ray SDK imports `semver` (lib/constructs/lambda-bundling.ts).
 *
 * aws-xray-sdk-core needs `semver` in one place only: its AWS SDK v2 patcher (`captureAWS`,
 * `captureAWSClient`) checks the v2 SDK's version with `semver.gte` before patching it. This service uses
 * SDK v3 only, captured through Powertools Tracer's `captureAWSv3Client`, so that check never runs; `semver`
 * was about 28 KiB of every bundle. Should the v2 patcher ever be called, it fails here and says why,
 * instead of patching an SDK this service does not ship. The local runtime and the tests do not bundle,
 * and keep the real `semver`.
 */
export function gte(): never {
  throw new Error(
    'the X-Ray SDK v2 patcher is not in this bundle: this service uses AWS SDK v3, captured with Tracer.captureAWSv3Client',
  );
}
