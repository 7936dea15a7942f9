/**
 * `npm run sim -- lead --page ID --form ID [--ad ID] [--email a@b.c] [--name "A B"] [--no-deliver]`: asks
 * the running Meta simulator to create a lead and deliver its signed `leadgen` webhook to the service.
 * Without --page/--form, the simulator's first lead form (and its Page) is used.
 *
 * `npm run -s sim -- consent AUTH_URL [--user ID] [--deny]`: consents in the simulated login dialog without
 * a browser and prints the URL the service sends the person back to (status and connection id).
 */
import { DEFAULT_DATA_DIR } from '../paths';
import { readRuntimeFile } from '../runtime-file';
import { flag, parseArgs } from './args';
import { consentWithoutBrowser } from './consent';
import { demoLeadForm } from '../walkthrough';

const USAGE = [
  'usage: npm run sim -- lead [--page ID --form ID] [--ad ID] [--name NAME] [--email EMAIL] [--phone PHONE] [--no-deliver]',
  '       npm run -s sim -- consent AUTH_URL [--user META_USER_ID] [--deny]',
].join('\n');

async function main() {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  if (positional[0] === 'consent' && positional[1] && !flags.help) {
    const user = flag(flags, 'user');
    const back = await consentWithoutBrowser(positional[1], {
      ...(user ? { userId: user } : {}),
      decision: flags.deny === true ? 'deny' : 'allow',
    });
    process.stdout.write(`${back}\n`);
    return;
  }
  if (positional[0] !== 'lead' || flags.help) {
    console.error(USAGE);
    process.exit(positional[0] === undefined || flags.help ? 2 : 2);
  }
  const simUrl =
    process.env.META_SIM_URL ??
    readRuntimeFile(DEFAULT_DATA_DIR)?.simUrl ??
    `http://127.0.0.1:${process.env.META_SIM_PORT || 3100}`;
  let pageId = flag(flags, 'page');
  let formId = flag(flags, 'form');
  if (!pageId || !formId) {
    const form = await demoLeadForm(simUrl);
    formId ??= form?.id;
    pageId ??= form?.pageId;
    if (!pageId || !formId)
      throw new Error(`no --page/--form given and the simulator at ${simUrl} lists no lead form`);
  }
  const adId = flag(flags, 'ad');
  const stamp = Date.now().toString(36);
  const body = {
    pageId,
    formId,
    ...(adId ? { adId } : {}),
    // Meta's field_data shape
    fieldData: [
      { name: 'full_name', values: [flag(flags, 'name') ?? 'Ada Lovelace'] },
      { name: 'email', values: [flag(flags, 'email') ?? `ada+${stamp}@example.com`] },
      { name: 'phone_number', values: [flag(flags, 'phone') ?? '+15555550123'] },
    ],
    deliver: flags['no-deliver'] !== true,
  };
  const res = await fetch(`${simUrl}/_sim/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  console.log(`POST ${simUrl}/_sim/leads → ${res.status}`);
  console.log(text);
  if (!res.ok) process.exit(1);
}

main().catch((err) => {
  const cause = (err as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED')
    console.error('The Meta simulator is not running: start the local runtime with `npm start` first.');
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
