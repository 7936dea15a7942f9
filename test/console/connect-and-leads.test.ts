/**
 * The operator console in Chromium: a person connects Meta through the (simulated) consent dialog and
 * selects assets, sees a new lead arrive and works it, and the pages hold up to keyboard, screen-reader
 * and phone use.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { simLead, waitForLeads } from '../support/leads';
import { accessibilityViolations, open, PHONE, screenshot, withConsoleBrowser } from '../support/browser';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const browser = withConsoleBrowser(rt);

it('connects Meta through the consent dialog, lands back with the outcome, and selects assets', async () => {
  const page = await browser.signedIn('ui-connect-co');
  await page.getByRole('checkbox', { name: /Publishing/ }).check();
  await screenshot(page, 'connections');
  await page.getByRole('button', { name: 'Connect with Meta' }).click();

  // Meta's login dialog (the simulator's), a full-page visit
  await page.waitForURL(/\/dialog\/oauth/);
  await page.getByRole('checkbox', { name: 'leads_retrieval' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('heading', { level: 1, name: 'Meta account connected' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/connections/callback');
  await page.getByRole('link', { name: 'Select assets' }).click();
  await page.getByRole('heading', { level: 1, name: 'Connection: Dana Demo' }).waitFor();

  // granted permissions per feature, with what each is for
  const leadsRow = page.getByRole('row', { name: /leads_retrieval/ });
  await leadsRow.waitFor();
  expect(await leadsRow.textContent()).toMatch(/granted.*Lead Ads submission/);

  await page
    .getByRole('checkbox', { name: /Demo Bakery \(\d+\)/ })
    .first()
    .check();
  await page.getByRole('checkbox', { name: /Bakery catering requests/ }).check();
  await page.getByRole('button', { name: 'Save selection' }).click();
  await page.getByText(/Selection saved\. Subscribed 1 Page/).waitFor();
  await screenshot(page, 'connection');

  const api = rt.api({ token: await rt.token('ui-connect-co') });
  const [connection] = (await api.get('/api/v1/connections')).json.items;
  expect(connection.selection).toMatchObject({ pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] });
  expect(connection.features).toEqual(expect.arrayContaining(['leads', 'publishing']));
}, 90_000);

it('shows a cancelled consent as an outcome, not a connection', async () => {
  const page = await browser.signedIn('ui-cancel-co');
  await page.getByRole('button', { name: 'Connect with Meta' }).click();
  await page.waitForURL(/\/dialog\/oauth/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Meta account not connected' }).waitFor();
  await page.getByText('access_denied').waitFor();
}, 60_000);

it('a simulated lead appears in the list with its form, its status can be changed, and it can be erased', async () => {
  const tenant = 'ui-leads-co';
  await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] });
  const page = await browser.signedIn(tenant);
  await open(page, '/leads', 'Leads');
  await page.getByText(/No lead matches/).waitFor();

  await simLead(rt, {
    fieldData: { full_name: 'Rosa Fermento', email: 'rosa@example.test', preferred_pickup_day: 'Friday' },
  });
  // the list refreshes on its own
  const link = page.getByRole('link', { name: 'Rosa Fermento' });
  await link.waitFor();
  expect(await page.getByRole('row', { name: /Rosa Fermento/ }).textContent()).toContain(
    'Bakery catering requests',
  );
  await screenshot(page, 'leads');

  await link.click();
  await page.getByRole('heading', { level: 1, name: 'Rosa Fermento' }).waitFor();
  await page.getByText('preferred_pickup_day').waitFor();
  await page.getByLabel('New status').fill('qualified');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByText(/Status changed\. Meta is not told: no lead status mapping/).waitFor();
  await screenshot(page, 'lead');

  // a status the API refuses is explained next to the field
  await page.getByLabel('New status').fill('Not Valid!');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByText('lower-case letters, digits, _ and -').first().waitFor();
  expect(await page.getByLabel('New status').getAttribute('aria-invalid')).toBe('true');

  const api = rt.api({ token: await rt.token(tenant) });
  const leads = await eventually(async () => {
    const items = (await api.get('/api/v1/leads')).json.items as any[];
    return items.some((l) => l.status === 'qualified') ? items : undefined;
  });
  expect(leads[0]).toMatchObject({ fields: { fullName: 'Rosa Fermento' }, status: 'qualified' });

  // the person asks to be forgotten: erased from the lead page, after a confirmation
  await page.getByRole('button', { name: 'Erase this lead' }).click();
  await page.getByRole('button', { name: 'Erase it for good' }).click();
  await page.getByText('The lead was erased; your CRM is told to delete its copy.').waitFor();
  await page.getByText(/No lead matches/).waitFor();
  expect((await api.get('/api/v1/leads')).json.items).toEqual([]);
}, 90_000);

it('revokes one Page: it leaves the selection and the list, and its data is deleted', async () => {
  const tenant = 'ui-revoke-co';
  const id = await connectAndSelect(rt, tenant, {
    pages: [W.bakeryPageId, W.bikesPageId],
    leadForms: [W.bakeryLeadFormId],
  });
  const page = await browser.signedIn(tenant);
  await open(page, `/connections/${id}`, /^Connection:/);
  await page.getByRole('button', { name: 'Revoke Demo Bikes' }).click();
  await page.getByRole('button', { name: 'Revoke and delete its data' }).click();
  await page
    .getByText(/Revoked Demo Bikes and its 1 lead form\(s\): the service no longer acts on it/)
    .waitFor();
  await page.getByRole('button', { name: 'Revoke Demo Bikes' }).waitFor({ state: 'detached' });
  const api = rt.api({ token: await rt.token(tenant) });
  expect((await api.get(`/api/v1/connections/${id}`)).json.selection.pages).toEqual([W.bakeryPageId]);
  const audit = await eventually(async () => {
    const items = (await api.get('/api/v1/audit?action=asset.purged')).json.items;
    return items.length > 0 ? items : undefined;
  });
  expect(audit[0].details.assetIds).toEqual([W.bikesPageId, W.bikesLeadFormId]);
}, 60_000);

it('maps a form question to a CRM field', async () => {
  const tenant = 'ui-mapping-co';
  await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] });
  await simLead(rt, { fieldData: { full_name: 'Mia Map', preferred_pickup_day: 'Monday' } });
  // the page offers the questions of stored leads: on a busy machine the lead may not be stored yet
  await waitForLeads(rt, tenant, 1);
  const page = await browser.signedIn(tenant);
  await open(page, `/leads/mapping?formId=${W.bakeryLeadFormId}`, 'Lead field mapping');
  const row = page.getByLabel('CRM field').first();
  await page.getByRole('textbox', { name: 'Question key' }).first().waitFor();
  expect(await page.getByRole('textbox', { name: 'Question key' }).first().inputValue()).toBe(
    'preferred_pickup_day',
  );
  await row.fill('pickupDay');
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await page.getByText(/Mapping saved/).waitFor();
  const api = rt.api({ token: await rt.token(tenant) });
  expect((await api.get(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`)).json.fields).toEqual({
    preferred_pickup_day: 'pickupDay',
  });
}, 60_000);

it('charts a Page’s daily counters after fetching them from Meta', async () => {
  const tenant = 'ui-insights-co';
  await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] }, { features: ['insights'] });
  const page = await browser.signedIn(tenant);
  await open(page, '/insights', 'Insights');
  await page.getByText(/No counter stored yet/).waitFor();
  await page.getByRole('button', { name: 'Fetch the last 30 days from Meta' }).click();
  await page.getByText(/Fetched: \d+ daily counters stored/).waitFor({ timeout: 30_000 });
  await page.getByText(/Media views: total/).waitFor();
  await page.getByRole('button', { name: 'Followers' }).click();
  await page.getByText(/Followers: latest/).waitFor();
  await screenshot(page, 'insights');
}, 60_000);

it('works by keyboard, names every control, keeps contrast, and fits a phone', async () => {
  const tenant = 'ui-a11y-co';
  await connectAndSelect(
    rt,
    tenant,
    { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] },
    { features: ['leads', 'inbox'] },
  );
  const page = await browser.signedIn(tenant);
  // on a fresh load, the first Tab reaches the skip link, which moves focus to the content
  await open(page, '/connections', 'Meta connections');
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement?.id')).toBe('main');
  for (const [to, heading] of [
    ['/connections', 'Meta connections'],
    ['/leads', 'Leads'],
    ['/calendar', 'Calendar'],
    ['/inbox', 'Inbox'],
    ['/ads', 'Ads'],
    ['/insights', 'Insights'],
    ['/privacy', 'Privacy'],
    ['/settings', 'Settings'],
  ] as const) {
    await open(page, to, heading);
    await page
      .getByRole('status')
      .filter({ hasText: /^Loading/ })
      .first()
      .waitFor({ state: 'detached' });
    expect([to, await accessibilityViolations(page)]).toEqual([to, []]);
  }
  // navigating moves focus to the new page's heading
  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
  expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');

  const phone = await browser.signedIn(tenant, PHONE);
  for (const to of ['/connections', '/leads', '/privacy'] as const) {
    await phone.goto(`/console${to}`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect([to, overflow]).toEqual([to, 0]);
  }
  await screenshot(phone, 'phone-privacy');
}, 120_000);
