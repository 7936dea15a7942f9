/**
 * The local runtime in a process of its own, so the load generator does not share its event loop.
 * Prints one JSON line with what the bench needs, then runs until killed.
 */
import { startLocalRuntime } from '../local/runtime';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  const rt = await startLocalRuntime({ port: 0, simPort: 0, dataDir: null, log: false, fastRetries: true });
  const token = await rt.issueToken('bench-co', { expiresIn: '1h' });
  process.stdout.write(
    `${JSON.stringify({ apiUrl: rt.apiUrl, simUrl: rt.simUrl, appSecret: rt.metaApp.appSecret, appId: rt.metaApp.appId, token })}\n`,
  );
  const stop = async () => {
    await rt.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
