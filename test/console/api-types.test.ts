/**
 * The console's API client is typed by openapi-typescript from the document the route table produces;
 * the committed types must be what the generator makes now, so a route or schema change that the console
 * does not follow fails here (and in the console's typecheck) instead of in a person's browser.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

it('console/src/api/schema.d.ts is generated from the current route table and schemas', () => {
  const run = () =>
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/console-api-types.ts', '--check'],
      {
        cwd: ROOT,
        stdio: 'pipe',
        encoding: 'utf8',
      },
    );
  expect(run()).toContain('up to date');
}, 60_000);
