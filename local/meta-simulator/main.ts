/**
 * Runs the simulator on its own: `npx tsx local/meta-simulator/main.ts`. Port from META_SIM_PORT
 * (default 3100), app from META_APP_ID / META_APP_SECRET (dev defaults), service URLs from
 * META_SIM_WEBHOOK_URL, META_SIM_DEAUTHORIZE_URL and META_SIM_DATA_DELETION_URL when set.
 */
import { startMetaSimulator } from './index';

async function main(): Promise<void> {
  const env = process.env;
  const sim = await startMetaSimulator({
    port: Number(env.META_SIM_PORT ?? 3100),
    host: env.META_SIM_HOST ?? '127.0.0.1',
    appId: env.META_APP_ID ?? '1234567890123456',
    appSecret: env.META_APP_SECRET ?? 'dev-app-secret-not-for-production',
    ...(env.META_GRAPH_VERSION ? { graphVersion: env.META_GRAPH_VERSION } : {}),
    ...(env.META_SIM_WEBHOOK_URL ? { webhookUrl: env.META_SIM_WEBHOOK_URL } : {}),
    ...(env.META_SIM_DEAUTHORIZE_URL ? { deauthorizeUrl: env.META_SIM_DEAUTHORIZE_URL } : {}),
    ...(env.META_SIM_DATA_DELETION_URL ? { dataDeletionUrl: env.META_SIM_DATA_DELETION_URL } : {}),
  });
  console.log(`Meta simulator listening on ${sim.url}`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
