/**
 * `npm run token -- --tenant ID [--sub USER] [--roles a,b] [--expires 12h]`: prints a dev JWT signed with
 * the `.local/` key, for the issuer of the running runtime (or of PORT/3000 when none is running), so
 * `TOKEN=$(npm run -s token -- --tenant acme)` works.
 */
import path from 'node:path';
import { DEFAULT_DATA_DIR } from '../paths';
import { readRuntimeFile } from '../runtime-file';
import { createDevJwt, devIssuerFor } from '../infra/dev-jwt';
import { flag, parseArgs } from './args';

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const tenant = flag(flags, 'tenant');
  if (!tenant || flags.help) {
    console.error('usage: npm run token -- --tenant ID [--sub USER] [--roles a,b] [--expires 12h]');
    process.exit(tenant ? 0 : 2);
  }
  const running = readRuntimeFile(DEFAULT_DATA_DIR);
  const jwt = await createDevJwt({
    issuer: running?.issuer ?? devIssuerFor(process.env.PORT || 3000),
    tenantClaim: running?.tenantClaim ?? (process.env.TENANT_CLAIM || undefined),
    keyFile: path.join(DEFAULT_DATA_DIR, 'jwt-key.json'),
  });
  const roles = flag(flags, 'roles');
  const sub = flag(flags, 'sub');
  const expiresIn = flag(flags, 'expires');
  const token = await jwt.issue(tenant, {
    ...(sub ? { sub } : {}),
    ...(roles
      ? {
          roles: roles
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
        }
      : {}),
    ...(expiresIn ? { expiresIn } : {}),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
