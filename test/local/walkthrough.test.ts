/**
 * The walkthrough `npm start` prints, run in bash exactly as printed (local/walkthrough.ts is the one
 * source of both): connect without a browser, land on the runtime's own return page, select, receive a
 * lead and read it back.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { withLocalRuntime } from '../support/local-runtime';
import { eventually } from '../support/meta-connect';
import { REPO_ROOT } from '../../local/paths';
import { demoLeadForm, renderWalkthrough, walkthroughSteps } from '../../local/walkthrough';

const run = promisify(execFile);
const rt = withLocalRuntime();

// not execFileSync: the runtime answering the script's curl calls lives in this process
const bash = (script: string) =>
  run('bash', ['-c', `set -euo pipefail\n${script}`], {
    cwd: REPO_ROOT,
    // `npm run sim` finds this runtime's simulator here (npm start writes .local/runtime.json instead)
    env: { ...process.env, META_SIM_URL: rt.runtime.simUrl! },
    timeout: 60_000,
  });

it('the printed steps connect an account, receive a lead and read it back', async () => {
  const form = (await demoLeadForm(rt.runtime.simUrl!))!;
  const steps = walkthroughSteps({
    apiUrl: rt.runtime.apiUrl,
    token: await rt.token('demo', { expiresIn: '7d' }),
    pageId: form.pageId,
    formId: form.id,
  });
  // what npm start prints is these steps, command for command
  for (const cmd of steps.flatMap((s) => s.commands)) expect(renderWalkthrough(steps)).toContain(cmd);

  const [exports, ...rest] = steps;
  const readBack = rest.pop()!;
  const { stdout } = await bash(
    [...exports!.commands, ...rest.flatMap((s) => s.commands), 'echo "CONNECTION_ID=$CONNECTION_ID"'].join(
      '\n',
    ),
  );
  // the return page the runtime serves shows the outcome and the connection id
  expect(stdout).toContain('<h1>Meta connection: connected</h1>');
  const connectionId = /CONNECTION_ID=(con_[0-9a-z]{26})/.exec(stdout)?.[1];
  expect(connectionId).toBeDefined();
  expect(stdout).toContain(`<code id="connectionId">${connectionId}</code>`);
  // the selection answered with the Page subscribed
  expect(stdout).toContain(`"subscribed":["${form.pageId}"]`);

  // the lead pipeline is asynchronous: the last step is repeated until the lead is there
  const leads = await eventually(
    async () => {
      const out = await bash([...exports!.commands, ...readBack.commands].join('\n'));
      const body = JSON.parse(out.stdout);
      return body.items.length > 0 ? body.items : undefined;
    },
    30_000,
    250,
  );
  expect(leads).toEqual([
    expect.objectContaining({ connectionId, pageId: form.pageId, formId: form.id, source: 'webhook' }),
  ]);
}, 120_000);
