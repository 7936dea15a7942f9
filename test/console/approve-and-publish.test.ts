/**
 * The operator console in Chromium: a post is drafted, checked by the API, approved and published at the
 * (simulated) Meta; a Messenger message is answered through approval; a lead campaign is drafted with
 * field-level validation, approved and created paused; privacy and settings work.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { conversations, sentMessages, simComment, simMessage, waitForConversation } from '../support/inbox';
import { atMeta } from '../support/ads';
import { open, screenshot, withConsoleBrowser } from '../support/browser';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const browser = withConsoleBrowser(rt);

it('drafts a post with a preview and the API’s validation messages, approves it, and sees it published at Meta', async () => {
  const tenant = 'ui-calendar-co';
  await connectAndSelect(
    rt,
    tenant,
    { pages: [W.bakeryPageId], instagramAccounts: [W.instagramAccountId] },
    { features: ['publishing'] },
  );
  const page = await browser.signedIn(tenant);
  await open(page, '/calendar', 'Calendar');
  const message = 'Rye loaves are back on Saturday #bakery';
  await page.getByRole('checkbox', { name: 'Facebook Page: Demo Bakery' }).check();
  await page.getByRole('checkbox', { name: /^Instagram:/ }).check();
  await page.getByLabel('Text').fill(message);
  await page.getByRole('region', { name: 'Preview' }).getByText(message).first().waitFor();
  // Instagram needs media: the API says so, and the console shows it
  await page.getByRole('button', { name: 'Save draft' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The draft was refused' });
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/media/i);

  await page.getByRole('checkbox', { name: /^Instagram:/ }).uncheck();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText(/Draft saved\. No approval rule is set/).waitFor();
  const queued = page.getByRole('listitem', { name: /Post waiting for approval: Rye loaves/ });
  await queued.waitFor();
  await queued.getByText('The approved payload').click();
  expect(await queued.locator('pre').textContent()).toContain(`"message": "${message}"`);
  await screenshot(page, 'calendar');

  await queued.getByRole('button', { name: 'Approve' }).click();
  const done = page.getByRole('listitem', { name: /Post published: Rye loaves/ });
  await done.getByRole('link', { name: 'View on Facebook' }).waitFor({ timeout: 30_000 });
  const atMetaPosts = (await simJson(rt, '/_sim/state')).json.posts as any[];
  expect(atMetaPosts.filter((p) => p.message === message)).toHaveLength(1);
}, 90_000);

it('answers a Messenger message through approval, with the 24-hour window in view', async () => {
  const tenant = 'ui-inbox-co';
  await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] }, { features: ['inbox'] });
  const page = await browser.signedIn(tenant);
  await open(page, '/inbox', 'Inbox');
  const inbound = await simMessage(rt, {
    channel: 'messenger',
    name: 'Lea Brioche',
    text: 'Can I order a birthday cake for Sunday?',
  });
  expect(inbound.deliveryStatus).toBe(200);
  await page.getByRole('link', { name: /birthday cake/ }).click();
  await page.getByRole('heading', { level: 2, name: /Messenger · Demo Bakery/ }).waitFor();
  await page.getByText('Can I order a birthday cake for Sunday?').first().waitFor();
  await page.getByText(/Reply window open until/).waitFor();

  const text = 'Of course! Which flavour would you like?';
  await page.getByLabel('Reply text').fill(text);
  await page.getByRole('button', { name: 'Save reply for approval' }).click();
  await page.getByText(/Waiting for approval\./).waitFor();
  const draft = page.getByRole('listitem', { name: 'Reply draft' });
  await draft.getByText(text).waitFor();
  await screenshot(page, 'inbox');
  expect(await sentMessages(rt, text)).toHaveLength(0);

  await draft.getByRole('button', { name: 'Approve and send' }).click();
  await page.getByRole('listitem', { name: 'Reply sent' }).waitFor({ timeout: 30_000 });
  await eventually(async () => ((await sentMessages(rt, text)).length === 1 ? true : undefined));
}, 90_000);

it('outside WhatsApp’s 24-hour window, answers with an approved template and its parameters', async () => {
  const tenant = 'ui-whatsapp-co';
  await connectAndSelect(
    rt,
    tenant,
    { whatsappNumbers: [W.phoneNumberId] },
    { features: ['inbox', 'whatsapp'] },
  );
  await rt.runtime.runSchedule('inbox-sync');
  await simMessage(rt, {
    channel: 'whatsapp',
    text: 'Where is my order?',
    name: 'Pablo',
    ageSeconds: 2 * 86_400,
  });
  const page = await browser.signedIn(tenant);
  await open(page, '/inbox?channel=whatsapp', 'Inbox');
  await page.getByRole('link', { name: /Where is my order/ }).click();
  await page.getByText(/customer-service window is closed: only an approved template/).waitFor();
  await page.getByRole('radio', { name: 'WhatsApp template' }).check();
  await page
    .getByLabel('Template', { exact: true })
    .selectOption({ label: 'order_update (en_US, approved)' });
  await page.getByLabel('Parameter {{1}}').fill('Pablo');
  await page.getByLabel('Parameter {{2}}').fill('A-1042');
  await page.getByRole('button', { name: 'Save reply for approval' }).click();
  await page.getByText(/An approved template can be sent at any time/).waitFor();
  await page
    .getByRole('listitem', { name: 'Reply draft' })
    .getByRole('button', { name: 'Approve and send' })
    .click();
  await page.getByRole('listitem', { name: 'Reply sent' }).waitFor({ timeout: 30_000 });
}, 60_000);

it('drafts a lead campaign with field-level validation, approves it, sees it created paused, and charts it', async () => {
  const tenant = 'ui-ads-co';
  await connectAndSelect(
    rt,
    tenant,
    { pages: [W.bakeryPageId], adAccounts: [W.adAccountId], leadForms: [W.bakeryLeadFormId] },
    { features: ['ads', 'leads', 'insights'] },
  );
  const page = await browser.signedIn(tenant);
  await open(page, '/ads', 'Ads');
  await page.getByLabel('Name').fill('Catering leads');
  await page.getByLabel('Countries').fill('PT');
  await page.getByLabel('Ad text').fill('Catering for your next event');
  // a budget the API refuses is named next to its field
  await page.getByLabel(/Daily budget/).fill('0');
  await page.getByRole('button', { name: 'Save campaign draft' }).click();
  await page.getByRole('alert').filter({ hasText: 'The draft was refused' }).waitFor();
  expect(await page.getByLabel(/Daily budget/).getAttribute('aria-invalid')).toBe('true');
  await screenshot(page, 'ads');

  // Portugal is in the EU: the Digital Services Act fields are named until they are filled in
  await page.getByLabel(/Daily budget/).fill('45');
  await page.getByRole('button', { name: 'Save campaign draft' }).click();
  await page.getByRole('alert').filter({ hasText: 'The draft was refused' }).waitFor();
  await page.getByLabel('Beneficiary (EU)').and(page.locator('[aria-invalid="true"]')).waitFor();
  await page.getByLabel('Beneficiary (EU)').fill('Demo Bakery Lda');
  await page.getByRole('button', { name: 'Save campaign draft' }).click();
  await page.getByText(/Draft saved: .*No spend cap covers this ad account/).waitFor();
  await page.getByRole('link', { name: 'Catering leads' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Catering leads' }).waitFor();
  await page.getByText('none: a person approves every campaign').waitFor();

  await page.getByRole('button', { name: 'Approve: create it at Meta, paused' }).click();
  await page.getByRole('button', { name: 'Launch (start spending)' }).waitFor({ timeout: 30_000 });
  const api = rt.api({ token: await rt.token(tenant) });
  const [campaign] = (await api.get('/api/v1/campaigns')).json.items;
  expect(campaign.status).toBe('paused');
  const made = await atMeta(rt, campaign.id);
  expect(made.campaigns).toEqual([expect.objectContaining({ status: 'PAUSED', objective: 'OUTCOME_LEADS' })]);
  expect(made.ads).toEqual([expect.objectContaining({ status: 'PAUSED' })]);

  await page.getByRole('button', { name: 'Launch (start spending)' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  // two weeks of delivery at Meta, then the console fetches the counters
  await simJson(rt, `/_sim/campaigns/${campaign.meta.campaignId}/delivery`, {
    body: { deliveredSinceDaysAgo: 14 },
  });
  await page.getByRole('button', { name: 'Fetch the last 30 days from Meta' }).click();
  await page.getByText(/Fetched: \d+ daily counters stored/).waitFor({ timeout: 30_000 });
  await page.getByText(/Spend: total/).waitFor();
  await screenshot(page, 'campaign');
}, 120_000);

it('privacy: exports the data with a download link, shows the audit log; settings save rules', async () => {
  const tenant = 'ui-privacy-co';
  await connectAndSelect(
    rt,
    tenant,
    { pages: [W.bakeryPageId], adAccounts: [W.adAccountId] },
    { features: ['leads', 'ads'] },
  );
  const page = await browser.signedIn(tenant);
  await open(page, '/privacy', 'Privacy');
  await page.getByRole('button', { name: 'Export our data' }).click();
  const download = page.getByRole('link', { name: 'Download the export' });
  await download.waitFor({ timeout: 30_000 });
  const res = await page.request.get((await download.getAttribute('href'))!);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('"kind":"connection"');
  await page.getByLabel('Action').fill('export.requested');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('cell', { name: 'export.requested' }).waitFor();
  expect(await page.getByRole('cell', { name: 'selection.update' }).count()).toBe(0);
  await screenshot(page, 'privacy');

  await open(page, '/settings', 'Settings');
  const spendCaps = page.getByRole('region', { name: 'Spend caps' });
  await spendCaps.getByLabel('Daily cap').fill('50');
  await spendCaps.getByLabel('Lifetime cap').fill('1000');
  await spendCaps.getByRole('button', { name: 'Save' }).click();
  await spendCaps.getByText('Saved.').waitFor();
  const postRules = page.getByRole('region', { name: 'Post approval rules' });
  await postRules.getByRole('button', { name: 'Add a rule' }).click();
  await postRules.getByLabel(/Authors/).fill('user:dev-user@ui-privacy-co');
  await postRules.getByRole('button', { name: 'Save' }).click();
  await postRules.getByText('Saved.').waitFor();
  await screenshot(page, 'settings');
  const api = rt.api({ token: await rt.token(tenant) });
  expect((await api.get('/api/v1/settings/spend-caps')).json.caps).toEqual([
    { adAccountId: W.adAccountId, dailyCap: 5000, lifetimeCap: 100000 },
  ]);
  expect((await api.get('/api/v1/settings/approval-rules')).json.rules).toEqual([
    expect.objectContaining({ id: 'rule-1', actors: ['user:dev-user@ui-privacy-co'] }),
  ]);

  // disconnecting asks once more, revokes at Meta and shows the deletion request until it completes
  await open(page, '/privacy', 'Privacy');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: /Disconnect and delete Dana Demo/ }).click();
  await page.getByText(/^Disconnected: Meta says/).waitFor();
  // revoked, then purged with its data (the record goes last)
  const left = (await api.get('/api/v1/connections')).json.items as any[];
  expect(left.filter((c) => c.status !== 'revoked')).toEqual([]);
  const request = page.getByRole('listitem').filter({ hasText: /connection\(s\) purged/ });
  await request.getByText('completed').waitFor({ timeout: 30_000 });
}, 90_000);

it('shows unread conversations, drafts a reply with AI for approval, and deletes a comment through approval', async () => {
  const tenant = 'ui-inbox-more-co';
  await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] }, { features: ['inbox'] });
  const inbound = await simMessage(rt, {
    channel: 'messenger',
    name: 'Noa Rye',
    text: 'Is the rye bread vegan?',
  });
  expect(inbound.deliveryStatus).toBe(200);
  await waitForConversation(rt, tenant, (c) => c.contact?.id === inbound.from);
  const page = await browser.signedIn(tenant);
  await open(page, '/inbox?unread=true', 'Inbox');
  const unreadLink = page.getByRole('link', { name: /rye bread vegan/ });
  await unreadLink.waitFor();
  expect(await unreadLink.getByLabel('unread').count()).toBe(1);
  // opening it reads it: the unread filter no longer lists it
  await unreadLink.click();
  await page.getByText('Is the rye bread vegan?').first().waitFor();
  await eventually(async () =>
    (await conversations(rt, tenant, 'unread=true')).length === 0 ? true : undefined,
  );

  await page.getByLabel('AI draft (a person approves it)').check();
  await page.getByRole('button', { name: 'Draft with AI' }).click();
  const ai = page.getByRole('listitem', { name: 'Reply draft' });
  await ai.getByText('AI draft').waitFor();
  const drafted = (await ai.locator('.preview-text').textContent()) ?? '';
  expect(drafted.length).toBeGreaterThan(0);
  // a draft, not a message: nothing reached Meta
  expect(await sentMessages(rt, drafted)).toEqual([]);

  const comment = await simComment(rt, {
    pageId: W.bakeryPageId,
    message: 'Visit scam.example for free bread',
  });
  expect(comment.deliveryStatus).toBe(200);
  await open(page, '/inbox?channel=facebook_comment', 'Inbox');
  await page.getByRole('link', { name: /scam\.example/ }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete this comment' }).click();
  const removal = page.getByRole('listitem', { name: 'Reply draft' });
  await removal.getByText('delete comment').waitFor();
  await removal.getByRole('button', { name: 'Approve and send' }).click();
  await page.getByRole('listitem', { name: 'Reply sent' }).waitFor({ timeout: 30_000 });
  await page.getByText('Removed').first().waitFor();
}, 90_000);

it('hides a Facebook comment through approval', async () => {
  const tenant = 'ui-comments-co';
  await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] }, { features: ['inbox'] });
  const comment = await simComment(rt, {
    pageId: W.bakeryPageId,
    message: 'Buy cheap followers at spam.example',
  });
  expect(comment.deliveryStatus).toBe(200);
  const page = await browser.signedIn(tenant);
  await open(page, '/inbox?channel=facebook_comment', 'Inbox');
  await page.getByRole('link', { name: /cheap followers/ }).click();
  await page.getByText('Comments can be answered at any time.').first().waitFor();
  await page.getByRole('button', { name: 'Hide' }).click();
  const hide = page.getByRole('listitem', { name: 'Reply draft' });
  await hide.getByText('hide comment').waitFor();
  await hide.getByRole('button', { name: 'Approve and send' }).click();
  await page.getByRole('listitem', { name: 'Reply sent' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Unhide' }).waitFor();
}, 60_000);
