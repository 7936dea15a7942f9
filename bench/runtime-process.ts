/**
 * The local runtime in a process of its own, so the load generator does not share its event loop.
 * With `--sim-url`, the Meta simulator runs in yet another process (the bench starts it), so the
 * service and "Meta" each get a core, as they would in reality. Prints one JSON line, runs until killed.
 */
import { startLocalRuntime } from '../local/runtime';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const simUrl = arg('sim-url');
  const port = Number(arg('port') ?? 0);
  const rt = await startLocalRuntime({
    port,
    simPort: 0,
    dataDir: null,
    log: false,
    // `--time-scale 0.05` runs retry schedules and Graph pauses twenty times faster (chaos benchmark)
    retryTimeScale: Number(arg('time-scale') ?? 1),
    ...(simUrl
      ? { simulator: false, env: { ...process.env, META_GRAPH_URL: simUrl, META_LOGIN_URL: simUrl } }
      : {}),
  });
  const token = await rt.issueToken('bench-co', { expiresIn: '1h' });
  process.stdout.write(
    `${JSON.stringify({ apiUrl: rt.apiUrl, simUrl: simUrl ?? rt.simUrl, appSecret: rt.metaApp.appSecret, appId: rt.metaApp.appId, token, sqsEndpoint: rt.sqsEndpoint, dlqUrls: rt.queues.dlqUrls })}\n`,
  );
  const stop = async () => {
    await rt.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
