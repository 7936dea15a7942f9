/**
 * `npm start`: the whole service on this machine, state kept in `.local/`, plus what a person needs to
 * use it (URLs, the dev Meta app, a JWT for tenant `demo`, and a copy-paste walkthrough from connecting an
 * account to reading a lead back: local/walkthrough.ts). Ctrl-C stops it cleanly.
 */
import { DEFAULT_DATA_DIR } from './paths';
import { API_PREFIX } from '../lambdas/app/route-table';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { DEV_CRM_TOKEN, startLocalRuntime, type LocalRuntime } from './runtime';
import { demoLeadForm, renderWalkthrough, walkthroughSteps } from './walkthrough';
import { ensureConsoleBuilt } from '../scripts/console-build';

// Cosmetic: the SDK warns on every start that its 2027 releases will need Node 22; the Lambdas run on Node 24.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  // the console is rebuilt only when its sources changed since the last build
  try {
    const build = await ensureConsoleBuilt();
    if (build.built) console.log(`Operator console built in ${build.ms} ms`);
  } catch (err) {
    console.error(
      `The operator console was not built (${(err as Error).message}); the API starts without it.`,
    );
  }
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({ dataDir: DEFAULT_DATA_DIR, log: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `\nPort in use (${(err as Error).message}). Is another \`npm start\` running? Set PORT / META_SIM_PORT to use other ports.`,
      );
    } else {
      console.error('\nThe local runtime failed to start:', err instanceof Error ? err.message : err);
    }
    process.exit(1);
  }

  writeRuntimeFile(DEFAULT_DATA_DIR, {
    apiUrl: runtime.apiUrl,
    simUrl: runtime.simUrl,
    busUrl: runtime.busUrl,
    sqsEndpoint: runtime.sqsEndpoint,
    replay: runtime.replay,
    secretsManager: runtime.secretsManager,
    issuer: runtime.jwt.issuer,
    audience: runtime.jwt.audience,
    tenantClaim: runtime.jwt.tenantClaim,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error('Forced exit.');
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.stop();
    removeRuntimeFile(DEFAULT_DATA_DIR);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const token = await runtime.issueToken('demo', { expiresIn: '7d' });
  const form = runtime.simUrl ? await demoLeadForm(runtime.simUrl).catch(() => undefined) : undefined;
  const api = runtime.apiUrl;
  const lines = [
    '',
    'Meta Business Connector — local runtime',
    '',
    `  Operator console    ${api}/console/  (sign in as any tenant, e.g. demo)`,
    `  API                 ${api}   (OpenAPI: ${api}${API_PREFIX}/openapi.json)`,
    `  Meta simulator      ${runtime.simUrl ?? '(not running)'}`,
    `  OAuth redirect URI  ${runtime.config.publicBaseUrl}${API_PREFIX}/meta/oauth/callback`,
    `  Webhook URL         ${runtime.config.publicBaseUrl}${API_PREFIX}/meta/webhook`,
    `  Bus events          ${api}/_local/events`,
    ...(runtime.crm
      ? [
          `  CRM webhook         ${runtime.crm.url}  (X-Connector-Token: ${runtime.crm.token === DEV_CRM_TOKEN ? DEV_CRM_TOKEN : 'CRM_WEBHOOK_SECRET'})`,
        ]
      : []),
    `  Data                ${DEFAULT_DATA_DIR}`,
    '',
    `  Dev Meta app id     ${runtime.metaApp.appId}`,
    `  Dev app secret      ${runtime.metaApp.appSecret}`,
    `  Dev verify token    ${runtime.metaApp.verifyToken}`,
    '  (dev values only; override with META_APP_ID / META_APP_SECRET / META_VERIFY_TOKEN)',
    '',
    'Walkthrough — paste into another shell, in this directory:',
    '',
    form
      ? renderWalkthrough(walkthroughSteps({ apiUrl: api, token, pageId: form.pageId, formId: form.id }))
      : '  (the simulator is not running: no walkthrough)',
    '',
    'Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

void main();
