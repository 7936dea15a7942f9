/**
 * The copy-paste walkthrough `npm start` prints: connect a Meta account without a browser, select a Page
 * and its lead form, receive a lead and read it back. One source for what is printed and for what
 * test/local/walkthrough.test.ts runs in bash, so the printed steps cannot stop working unnoticed.
 * Needs only a POSIX shell, curl and node (JSON is read with `node -pe`, not jq).
 */
import { API_PREFIX } from '../lambdas/app/route-table';
import { META_RETURN_PATH } from './http/api-server';

export interface WalkthroughContext {
  apiUrl: string;
  /** a JWT for the demo tenant */
  token: string;
  /** a Page of the simulator's world and one of its lead forms */
  pageId: string;
  formId: string;
}

export interface WalkthroughStep {
  title: string;
  commands: string[];
}

const auth = '-H "authorization: Bearer $TOKEN"';
const json = "-H 'content-type: application/json'";

export function walkthroughSteps(c: WalkthroughContext): WalkthroughStep[] {
  const start = JSON.stringify({ features: ['leads'], returnUrl: `${c.apiUrl}${META_RETURN_PATH}` });
  const selection = JSON.stringify({ pages: [c.pageId], leadForms: [c.formId] });
  return [
    {
      title: 'The API and a JWT for tenant demo (7 days; another tenant: npm run -s token -- --tenant ID)',
      commands: [`export API=${c.apiUrl}`, `export TOKEN=${c.token}`],
    },
    {
      title:
        'Start connecting a Meta account (leads only); the person comes back to a page this runtime serves',
      commands: [
        `AUTH_URL=$(curl -sf -X POST "$API${API_PREFIX}/connections/meta" ${auth} ${json} -d '${start}' | node -pe 'JSON.parse(fs.readFileSync(0, "utf8")).authUrl')`,
        'echo "$AUTH_URL"',
      ],
    },
    {
      title:
        'Consent without a browser (as Dana Demo, who manages the demo Pages), then open the return page',
      commands: [
        'RETURN_URL=$(npm run -s sim -- consent "$AUTH_URL")',
        'curl -s "$RETURN_URL"',
        `export CONNECTION_ID=$(node -pe 'new URL(process.argv[1]).searchParams.get("connectionId")' "$RETURN_URL")`,
      ],
    },
    {
      title: 'Select the Page and its lead form (this subscribes the Page to lead webhooks)',
      commands: [
        `curl -sf -X PUT "$API${API_PREFIX}/connections/$CONNECTION_ID/selection" ${auth} ${json} -d '${selection}'`,
      ],
    },
    {
      title: 'Someone fills in the lead form: the simulator delivers the signed leadgen webhook',
      commands: [`npm run -s sim -- lead --page ${c.pageId} --form ${c.formId}`],
    },
    {
      title: 'Read the lead back (the CRM view: mapped fields, attribution, status)',
      commands: [`curl -s "$API${API_PREFIX}/leads" ${auth}`],
    },
  ];
}

export function renderWalkthrough(steps: WalkthroughStep[]): string {
  return steps
    .map((s, i) => [`  # ${i + 1}. ${s.title}`, ...s.commands.map((cmd) => `  ${cmd}`)].join('\n'))
    .join('\n\n');
}

/** The simulator's first lead form and its Page: what the walkthrough selects and fills in. */
export async function demoLeadForm(simUrl: string): Promise<{ id: string; pageId: string } | undefined> {
  const res = await fetch(`${simUrl}/_sim/state`);
  if (!res.ok) throw new Error(`GET ${simUrl}/_sim/state → ${res.status}`);
  const state = (await res.json()) as { leadForms?: Array<{ id: string; pageId: string }> };
  return state.leadForms?.[0];
}
