/**
 * Deployment configuration, read from CDK context (`-c key=value` or cdk.json). Everything here ends up in
 * plain Lambda environment variables, so secrets are refused: they belong in the Secrets Manager secret.
 */
import type { Node } from 'constructs';
import cdkJson from '../cdk.json';
import { parseCorsOrigins } from '../lambdas/app/cors-policy';
import { checkCrmUrl, parseCrmEvents } from '../lambdas/app/crm-forwarding';
import type { DomainEventType } from '../lambdas/core/events/event-contracts';

export type AuthConfig = { kind: 'cognito' } | { kind: 'external'; issuer: string; audience: string[] };

export interface ConnectorConfig {
  /** Meta app id: public, shown in every login dialog URL. Empty until the operator sets it. */
  metaAppId: string;
  metaGraphVersion: string;
  metaGraphUrl: string;
  metaLoginUrl: string;
  /** exact origins a connection flow may return to */
  returnUrlAllowlist: string[];
  /** exact browser origins allowed to call the API (CORS); empty = no CorsConfiguration */
  corsAllowedOrigins: string[];
  auth: AuthConfig;
  /** JWT claim holding the tenant id */
  tenantClaim: string;
  alarmEmail?: string;
  /** who is mailed when a connection is about to expire or has expired (default: alarmEmail) */
  noticeEmail?: string;
  /**
   * Fixed public base URL (a custom domain in front of the API). Meta keeps the OAuth redirect URI and
   * webhook URL, so a stable host survives the API being replaced; absent → the API's own endpoint.
   */
  publicBaseUrl?: string;
  logLevel: string;
  /**
   * Amazon Bedrock model for AI reply drafts and classification (e.g. `anthropic.claude-3-haiku-20240307-v1:0`);
   * absent = AI drafts are not offered and no function may invoke a model.
   */
  bedrockModelId?: string;
  /** forward these public events to the customer's HTTPS endpoint (an EventBridge API destination) */
  crm?: { url: string; events: DomainEventType[] };
  /**
   * Reserved concurrency on the functions whose runaway would hurt (lib/function-needs.ts). Context
   * `reservedConcurrency=off` drops it for accounts whose Lambda concurrency quota is too small to reserve
   * any (new accounts can start far below the default 1,000).
   */
  reserveConcurrency: boolean;
  /**
   * Ship source maps in the function bundles and turn on `--enable-source-maps` (context
   * `sourceMaps=on`): stack traces name TypeScript lines, at the cost of larger assets and slower cold
   * starts. Off by default.
   */
  sourceMaps: boolean;
  /** days each daily AWS Backup recovery point of the table is kept; absent = PITR only, no backup plan */
  backupRetentionDays?: number;
  /** the operator console on S3 + CloudFront (context `console=true`); absent = not deployed */
  console?: ConsoleConfig;
}

export interface ConsoleConfig {
  /** a custom domain for the console, with its ACM certificate in us-east-1 (both or neither) */
  domain?: { name: string; certificateArn: string };
  /** a WAF web ACL (CLOUDFRONT scope) in front of the console */
  webAclArn?: string;
  /** Cognito hosted UI domain prefix (default `<stack name>-<account id>`) */
  authDomainPrefix?: string;
  /** with an external issuer: the console's OAuth client id there (a public client, PKCE) */
  oidcClientId?: string;
  /** with an external issuer: the scopes the console asks for */
  oidcScopes: string;
}

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';
export const DEFAULT_LOGIN_URL = 'https://www.facebook.com';
export const DEFAULT_TENANT_CLAIM = 'tenant_id';
export const COGNITO_TENANT_CLAIM = 'custom:tenant_id';

/** Context keys that would put a secret into the template or an environment variable. */
const FORBIDDEN_KEYS = ['metaAppSecret', 'appSecret', 'metaVerifyToken', 'verifyToken', 'stateSigningKey'];

type ContextReader = Pick<Node, 'tryGetContext'>;

export function readConfig(node: ContextReader): ConnectorConfig {
  for (const key of FORBIDDEN_KEYS) {
    if (node.tryGetContext(key) !== undefined) {
      throw new Error(
        `context "${key}" is a secret: put it in the Meta secret (stack output MetaSecretArn), never in context`,
      );
    }
  }
  const text = (key: string): string | undefined => {
    const v: unknown = node.tryGetContext(key);
    if (v === undefined || v === null) return undefined;
    const s = String(v).trim();
    return s === '' ? undefined : s;
  };
  const list = (key: string): string[] => {
    const v: unknown = node.tryGetContext(key);
    const items = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : [];
    return items.map((s) => s.trim()).filter((s) => s !== '');
  };

  const issuer = text('jwtIssuer');
  const audience = list('jwtAudience');
  if ((issuer === undefined) !== (audience.length === 0)) {
    throw new Error(
      'jwtIssuer and jwtAudience go together: set both for an external issuer, or neither for Cognito',
    );
  }
  const auth: AuthConfig = issuer
    ? { kind: 'external', issuer: httpsUrl('jwtIssuer', issuer), audience }
    : { kind: 'cognito' };

  const publicBaseUrl = text('publicBaseUrl');
  const alarmEmail = text('alarmEmail');
  const noticeEmail = text('noticeEmail');
  for (const [key, value] of [
    ['alarmEmail', alarmEmail],
    ['noticeEmail', noticeEmail],
  ] as const)
    if (value !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
      throw new Error(`context "${key}": "${value}" is not an email address`);
  const bedrockModelId = text('bedrockModelId');
  const crmWebhookUrl = text('crmWebhookUrl');
  const crmEvents = contextual('crmEvents', () => parseCrmEvents(list('crmEvents')));
  if (crmWebhookUrl === undefined && node.tryGetContext('crmEvents') !== undefined)
    throw new Error('context "crmEvents" needs "crmWebhookUrl": where should the events go?');
  if (bedrockModelId !== undefined && !/^[A-Za-z0-9._:-]{1,200}$/.test(bedrockModelId))
    throw new Error(`context "bedrockModelId": "${bedrockModelId}" is not a Bedrock model id`);
  const consoleConfig = readConsoleConfig(text, auth);
  return {
    metaAppId: text('metaAppId') ?? '',
    metaGraphVersion: text('metaGraphVersion') ?? cdkJson.context.metaGraphVersion,
    metaGraphUrl: httpsUrl('metaGraphUrl', text('metaGraphUrl') ?? DEFAULT_GRAPH_URL),
    metaLoginUrl: httpsUrl('metaLoginUrl', text('metaLoginUrl') ?? DEFAULT_LOGIN_URL),
    returnUrlAllowlist: list('returnUrlAllowlist').map((u) => origin('returnUrlAllowlist', u)),
    corsAllowedOrigins: corsOrigins(list('corsAllowedOrigins')),
    auth,
    tenantClaim:
      text('tenantClaim') ?? (auth.kind === 'cognito' ? COGNITO_TENANT_CLAIM : DEFAULT_TENANT_CLAIM),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(noticeEmail ? { noticeEmail } : {}),
    ...(publicBaseUrl ? { publicBaseUrl: httpsUrl('publicBaseUrl', publicBaseUrl) } : {}),
    logLevel: (text('logLevel') ?? 'INFO').toUpperCase(),
    ...(bedrockModelId ? { bedrockModelId } : {}),
    ...(crmWebhookUrl
      ? {
          crm: {
            url: contextual('crmWebhookUrl', () => checkCrmUrl(crmWebhookUrl, { allowLoopbackHttp: false })),
            events: crmEvents,
          },
        }
      : {}),
    reserveConcurrency: onOff('reservedConcurrency', text('reservedConcurrency') ?? 'on'),
    sourceMaps: onOff('sourceMaps', text('sourceMaps') ?? 'off'),
    ...backupRetention(text('backupRetentionDays')),
    ...(consoleConfig ? { console: consoleConfig } : {}),
  };
}

function readConsoleConfig(
  text: (key: string) => string | undefined,
  auth: AuthConfig,
): ConsoleConfig | undefined {
  const flag = text('console');
  if (flag === undefined || flag === 'false') return undefined;
  if (flag !== 'true') throw new Error(`context "console" is true or false, got "${flag}"`);
  const domainName = text('consoleDomainName');
  const certificateArn = text('consoleCertificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined))
    throw new Error(
      'consoleDomainName and consoleCertificateArn go together (an ACM certificate in us-east-1)',
    );
  if (
    domainName !== undefined &&
    !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domainName)
  )
    throw new Error(`context "consoleDomainName": "${domainName}" is not a host name`);
  if (
    certificateArn !== undefined &&
    !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)
  )
    throw new Error(
      'context "consoleCertificateArn" must be an ACM certificate ARN in us-east-1 (CloudFront reads only that region)',
    );
  const authDomainPrefix = text('consoleAuthDomainPrefix');
  if (authDomainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix))
    throw new Error(
      `context "consoleAuthDomainPrefix": "${authDomainPrefix}" is not a Cognito domain prefix`,
    );
  const oidcClientId = text('consoleOidcClientId');
  if (auth.kind === 'external' && oidcClientId === undefined)
    throw new Error(
      'with jwtIssuer, the console needs consoleOidcClientId: its public (PKCE) client at that issuer',
    );
  const webAclArn = text('consoleWebAclArn');
  return {
    ...(domainName && certificateArn ? { domain: { name: domainName, certificateArn } } : {}),
    ...(webAclArn ? { webAclArn } : {}),
    ...(authDomainPrefix ? { authDomainPrefix } : {}),
    ...(oidcClientId ? { oidcClientId } : {}),
    oidcScopes: text('consoleOidcScopes') ?? 'openid profile email',
  };
}

/** Runs a check, naming the context key in its error. */
function contextual<T>(key: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw new Error(`context "${key}": ${(err as Error).message}`);
  }
}

function corsOrigins(values: string[]): string[] {
  return contextual('corsAllowedOrigins', () => parseCorsOrigins(values.join(','), { portWildcard: false }));
}

function onOff(key: string, value: string): boolean {
  if (/^(on|true)$/i.test(value)) return true;
  if (/^(off|false)$/i.test(value)) return false;
  throw new Error(`context "${key}" is on or off, got "${value}"`);
}

/** AWS Backup keeps a recovery point at least 1 day; a warm-storage retention of up to 100 years is allowed. */
function backupRetention(value: string | undefined): { backupRetentionDays?: number } {
  if (value === undefined) return {};
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 36500)
    throw new Error(
      `context "backupRetentionDays" is a whole number of days from 1 to 36500, got "${value}"`,
    );
  return { backupRetentionDays: days };
}

function parse(key: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new Error(`context "${key}": "${value}" is not a URL`);
  }
}

/** Trailing slashes would double up when handlers append paths. */
function httpsUrl(key: string, value: string): string {
  const url = parse(key, value);
  if (url.protocol !== 'https:') throw new Error(`context "${key}" must be an https URL, got "${value}"`);
  return value.replace(/\/+$/, '');
}

function origin(key: string, value: string): string {
  const url = parse(key, value);
  if (url.protocol !== 'https:')
    throw new Error(`context "${key}": return URLs must be https, got "${value}"`);
  return url.origin;
}
