/**
 * `npm start`: the whole service on this machine, state kept in `.local/`, plus what a person needs to
 * use it (URLs, the dev Meta app, a JWT for tenant `demo`, copy-paste curl lines). Ctrl-C stops it cleanly.
 */
import { DEFAULT_DATA_DIR } from './paths';
import { API_PREFIX } from '../lambdas/handlers/http/route-table';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { startLocalRuntime, type LocalRuntime } from './runtime';
import { ensureConsoleBuilt } from '../scripts/console-build';

// Cosmetic: the SDK warns on every start that its 2027 releases will need Node 22. We know (DESIGN §5).
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
  const form = await firstLeadForm(runtime.simUrl);
  const api = runtime.apiUrl;
  const lines = [
    '',
    'Meta Business Connector — local runtime',
    '',
    `  Operator console    ${api}/console/  (sign in as any tenant, e.g. demo)`,
    `  API                 ${api}`,
    `  Meta simulator      ${runtime.simUrl ?? '(not running)'}`,
    `  OAuth redirect URI  ${runtime.config.publicBaseUrl}${API_PREFIX}/meta/oauth/callback`,
    `  Webhook URL         ${runtime.config.publicBaseUrl}${API_PREFIX}/meta/webhook`,
    `  Bus events          ${api}/_local/events`,
    `  Data                ${DEFAULT_DATA_DIR}`,
    '',
    `  Dev Meta app id     ${runtime.metaApp.appId}`,
    `  Dev app secret      ${runtime.metaApp.appSecret}`,
    `  Dev verify token    ${runtime.metaApp.verifyToken}`,
    '  (dev values only; override with META_APP_ID / META_APP_SECRET / META_VERIFY_TOKEN)',
    '',
    `  JWT for tenant demo (7 days; more with \`npm run token -- --tenant ID\`):`,
    `  ${token}`,
    '',
    'Try:',
    `  curl -s ${api}/health`,
    `  curl -s -X POST ${api}${API_PREFIX}/connections/meta -H "authorization: Bearer ${token}" -H 'content-type: application/json' -d '{"features":["leads"],"returnUrl":"http://localhost:5173/connected"}'`,
    `  npm run sim -- lead --page ${form?.pageId ?? '<PAGE_ID>'} --form ${form?.id ?? '<FORM_ID>'}`,
    '',
    'Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function firstLeadForm(
  simUrl: string | undefined,
): Promise<{ id: string; pageId: string } | undefined> {
  if (!simUrl) return undefined;
  try {
    const res = await fetch(`${simUrl}/_sim/state`);
    const state = (await res.json()) as { leadForms?: Array<{ id: string; pageId: string }> };
    return state.leadForms?.[0];
  } catch {
    return undefined;
  }
}

void main();
