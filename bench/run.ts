/**
 * `npm run bench`: every benchmark, printing its figures. Pass names to run some:
 * `npm run bench -- webhook pipeline bundles`.
 */
import { cpus } from 'node:os';
import { benchBundles } from './bundles';
import { benchChaos } from './chaos';
import { benchLeadPipeline } from './lead-pipeline';
import { benchPurge } from './purge';
import { benchPublishing } from './publishing';
import { benchInsights } from './insights';
import { benchInbox } from './inbox';
import { benchContent } from './content';
import { startRuntimeProcess } from './support';
import { benchWebhookAck } from './webhook-ack';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  const wanted = new Set(process.argv.slice(2));
  const want = (name: string) => wanted.size === 0 || wanted.has(name);
  console.log(`Meta Business Connector benchmarks — node ${process.version}, ${cpus().length} cores`);
  if (want('bundles')) benchBundles();
  if (want('webhook')) {
    const rt = await startRuntimeProcess();
    try {
      await benchWebhookAck(rt);
    } finally {
      await rt.stop();
    }
  }
  if (want('purge')) await benchPurge();
  if (want('insights')) {
    const rt = await startRuntimeProcess();
    try {
      await benchInsights(rt);
    } finally {
      await rt.stop();
    }
  }
  if (want('content')) {
    const rt = await startRuntimeProcess();
    try {
      await benchContent(rt);
    } finally {
      await rt.stop();
    }
  }
  if (want('publishing')) {
    const rt = await startRuntimeProcess();
    try {
      await benchPublishing(rt);
    } finally {
      await rt.stop();
    }
  }
  if (want('inbox')) {
    const rt = await startRuntimeProcess();
    try {
      await benchInbox(rt);
    } finally {
      await rt.stop();
    }
  }
  if (want('pipeline')) {
    const rt = await startRuntimeProcess();
    try {
      await benchLeadPipeline(rt);
    } finally {
      await rt.stop();
    }
  }
  if (want('chaos')) await benchChaos();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
