import { DEFAULT_WORLD_IDS as IDS, type MetaSimulator } from '../../../local/meta-simulator';
import { connectUser, control, graph, pageToken, type Json, useSimulator } from './sim-test-helpers';

let sim: MetaSimulator;
let userToken: string;
let bakeryToken: string;

const LEAD_FIELDS =
  'id,created_time,field_data,ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name,form_id,is_organic,platform';

useSimulator(3, (started) => (sim = started));
beforeEach(async () => {
  userToken = (await connectUser(sim)).longToken;
  bakeryToken = await pageToken(sim, userToken, IDS.bakeryPageId);
});

async function newLead(body: Record<string, unknown>): Promise<string> {
  const res = await control(sim, 'POST', 'leads', {
    pageId: IDS.bakeryPageId,
    formId: IDS.bakeryLeadFormId,
    ...body,
  });
  expect(res.status).toBe(200);
  return res.body.leadgenId as string;
}

describe('leads', () => {
  it('reads an ad lead with its attribution in Meta shape', async () => {
    const id = await newLead({
      adId: IDS.adId,
      fieldData: {
        full_name: 'Ada Baker',
        email: 'ada@example.com',
        phone_number: '+4915112345678',
        preferred_pickup_day: ['Friday'],
      },
      createdTime: 1767225600,
    });
    expect(id).toMatch(/^\d{15,17}$/);
    const lead = await graph(sim, 'GET', id, { token: bakeryToken, query: { fields: LEAD_FIELDS } });
    expect(lead.status).toBe(200);
    expect(lead.body).toEqual({
      id,
      created_time: '2026-01-01T00:00:00+0000',
      field_data: [
        { name: 'full_name', values: ['Ada Baker'] },
        { name: 'email', values: ['ada@example.com'] },
        { name: 'phone_number', values: ['+4915112345678'] },
        { name: 'preferred_pickup_day', values: ['Friday'] },
      ],
      ad_id: IDS.adId,
      ad_name: expect.any(String),
      adset_id: IDS.adsetId,
      adset_name: expect.any(String),
      campaign_id: IDS.campaignId,
      campaign_name: expect.any(String),
      form_id: IDS.bakeryLeadFormId,
      is_organic: false,
      platform: 'fb',
    });
    // the user token of someone on the Page works too
    expect((await graph(sim, 'GET', id, { token: userToken, query: { fields: 'id' } })).body).toEqual({ id });
  });

  it('reads an organic lead without ad fields', async () => {
    const id = await newLead({ fieldData: [{ name: 'email', values: ['o@example.com'] }] });
    const lead = await graph(sim, 'GET', id, { token: bakeryToken, query: { fields: LEAD_FIELDS } });
    expect(lead.body.is_organic).toBe(true);
    expect(lead.body.ad_id).toBeUndefined();
    expect(lead.body.campaign_id).toBeUndefined();
    expect(lead.body.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
  });

  it('rejects unknown ads, forms and malformed input with a reason', async () => {
    expect(
      (
        await control(sim, 'POST', 'leads', {
          pageId: IDS.bakeryPageId,
          formId: IDS.bakeryLeadFormId,
          adId: '1',
          fieldData: {},
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await control(sim, 'POST', 'leads', {
          pageId: IDS.bakeryPageId,
          formId: IDS.bikesLeadFormId,
          fieldData: {},
        })
      ).status,
    ).toBe(400);
    const bad = await control(sim, 'POST', 'leads', { pageId: IDS.bakeryPageId });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'invalid_request', reason: expect.stringContaining('formId') });
  });

  it('keeps leads from another Page and people without leads_retrieval out', async () => {
    const id = await newLead({ fieldData: { email: 'x@example.com' } });
    const bikesToken = await pageToken(sim, userToken, IDS.bikesPageId);
    expect((await graph(sim, 'GET', id, { token: bikesToken })).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
    const narrow = (await connectUser(sim, { scope: 'pages_show_list' })).longToken;
    expect((await graph(sim, 'GET', id, { token: narrow })).body.error).toMatchObject({ code: 200 });
  });

  it('lists form leads newest first, filtered by time_created and paginated', async () => {
    const base = 1767225600;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await newLead({ fieldData: { email: `l${i}@example.com` }, createdTime: base + i * 60 }));
    await control(sim, 'POST', 'leads', {
      pageId: IDS.bikesPageId,
      formId: IDS.bikesLeadFormId,
      fieldData: { email: 'bike@example.com' },
      createdTime: base + 600,
    });

    const filtering = JSON.stringify([{ field: 'time_created', operator: 'GREATER_THAN', value: base + 60 }]);
    const page1 = await graph(sim, 'GET', `${IDS.bakeryLeadFormId}/leads`, {
      token: bakeryToken,
      query: { fields: 'id,created_time', filtering, limit: '2' },
    });
    expect(page1.body.data.map((l: Json) => l.id)).toEqual([ids[4], ids[3]]);
    const page2: Json = await (
      await fetch(page1.body.paging.next, { headers: { authorization: `Bearer ${bakeryToken}` } })
    ).json();
    expect(page2.data.map((l: Json) => l.id)).toEqual([ids[2]]);
    expect(page2.paging.next).toBeUndefined();

    const inclusive = JSON.stringify([
      { field: 'time_created', operator: 'GREATER_THAN_OR_EQUAL', value: String(base + 60) },
      { field: 'time_created', operator: 'LESS_THAN', value: base + 180 },
    ]);
    const window = await graph(sim, 'GET', `${IDS.bakeryLeadFormId}/leads`, {
      token: bakeryToken,
      query: { filtering: inclusive },
    });
    expect(window.body.data.map((l: Json) => l.id)).toEqual([ids[2], ids[1]]);

    const bad = await graph(sim, 'GET', `${IDS.bakeryLeadFormId}/leads`, {
      token: bakeryToken,
      query: { filtering: '[{"field":"time_created","operator":"AROUND","value":1}]' },
    });
    expect(bad.body.error.code).toBe(100);
  });
});

describe('Conversions API for CRM', () => {
  it('accepts valid CRM events, keeps them and rejects bad ones', async () => {
    const leadId = await newLead({ adId: IDS.adId, fieldData: { email: 'c@example.com' } });
    const now = Math.floor(Date.now() / 1000);
    const event = (over: Record<string, unknown> = {}) => ({
      event_name: 'Marketing Qualified Lead',
      event_time: now,
      action_source: 'system_generated',
      user_data: { lead_id: Number(leadId) },
      custom_data: { event_source: 'crm', lead_event_source: 'Meta Business Connector' },
      ...over,
    });
    const path = `${IDS.datasetId}/events`;
    const ok = await graph(sim, 'POST', path, {
      token: userToken,
      form: { data: JSON.stringify([event(), event({ event_name: 'Converted' })]) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ events_received: 2, messages: [], fbtrace_id: expect.any(String) });

    const old = await graph(sim, 'POST', path, {
      token: userToken,
      form: { data: JSON.stringify([event({ event_time: now - 8 * 86400 })]) },
    });
    expect(old.body.error).toMatchObject({ code: 100, error_user_title: expect.stringContaining('Too Old') });
    const unknownLead = await graph(sim, 'POST', path, {
      token: userToken,
      form: { data: JSON.stringify([event({ user_data: { lead_id: '123' } })]) },
    });
    expect(unknownLead.body.error).toMatchObject({
      code: 100,
      error_user_msg: expect.stringContaining('lead_id'),
    });
    const source = await graph(sim, 'POST', path, {
      token: userToken,
      form: { data: JSON.stringify([event({ action_source: 'website' })]) },
    });
    expect(source.body.error.code).toBe(100);

    const state = (await control(sim, 'GET', 'state')).body;
    expect(state.conversionEvents).toHaveLength(2);
    expect(state.conversionEvents[0]).toMatchObject({
      datasetId: IDS.datasetId,
      event: { event_name: 'Marketing Qualified Lead' },
    });
    expect(state.leads).toHaveLength(1);
  });
});
