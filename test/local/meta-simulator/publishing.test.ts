/** The simulator's publishing routes behave like Meta's. */
import { DEFAULT_WORLD_IDS as IDS, type MetaSimulator } from '../../../local/meta-simulator';
import { ALL_SCOPES, connectUser, control, graph, pageToken, useSimulator } from './sim-test-helpers';

let sim: MetaSimulator;
let token: string;
const PAGE = IDS.bakeryPageId;
const IG = IDS.instagramAccountId;

useSimulator(11, (started) => (sim = started));
beforeEach(async () => {
  const scope = [...ALL_SCOPES, 'pages_manage_posts', 'instagram_content_publish'].join(',');
  token = await pageToken(sim, (await connectUser(sim, { scope })).longToken, PAGE);
});

describe('Page feed and photos', () => {
  it('attaches staged photos to one feed post, and refuses photos that are not staged on the Page', async () => {
    const staged = await graph(sim, 'POST', `${PAGE}/photos`, {
      token,
      form: { url: 'https://cdn.example.test/a.jpg', published: 'false' },
    });
    expect(staged.body).toEqual({ id: expect.any(String) });
    const post = await graph(sim, 'POST', `${PAGE}/feed`, {
      token,
      form: { message: 'Two loaves', 'attached_media[0]': JSON.stringify({ media_fbid: staged.body.id }) },
    });
    expect(post.body.id).toMatch(new RegExp(`^${PAGE}_\\d+$`));
    // a staged photo is used once
    const again = await graph(sim, 'POST', `${PAGE}/feed`, {
      token,
      form: { message: 'Again', attached_media: JSON.stringify([{ media_fbid: staged.body.id }]) },
    });
    expect(again.body.error).toMatchObject({ code: 100 });

    const read = await graph(sim, 'GET', post.body.id, { token, query: { fields: 'permalink_url,message' } });
    expect(read.body).toEqual({
      id: post.body.id,
      message: 'Two loaves',
      permalink_url: expect.stringMatching(/^https:\/\/www\.facebook\.com\//),
    });
    // a Page post has no IG `permalink`
    const wrong = await graph(sim, 'GET', post.body.id, { token, query: { fields: 'permalink' } });
    expect(wrong.body.error.message).toMatch(/nonexisting field \(permalink\)/);
  });

  it('schedules natively only with published=false, 10 minutes to 30 days ahead', async () => {
    const now = Math.floor(Date.now() / 1000);
    const at = (s: number, published = 'false') =>
      graph(sim, 'POST', `${PAGE}/feed`, {
        token,
        form: { message: 'Later', published, scheduled_publish_time: String(now + s) },
      });
    expect((await at(300)).body.error.message).toMatch(/scheduled publish time is invalid/);
    expect((await at(31 * 86400)).body.error.message).toMatch(/scheduled publish time is invalid/);
    expect((await at(3600, 'true')).body.error).toMatchObject({ code: 100 });
    const ok = await at(3600);
    expect(ok.status).toBe(200);
    const feed = await graph(sim, 'GET', `${PAGE}/feed`, { token, query: { fields: 'id,message' } });
    expect(feed.body.data.map((p: { id: string }) => p.id)).not.toContain(ok.body.id);
  });
});

describe('Instagram containers', () => {
  it('IN_PROGRESS for the configured polls, then FINISHED; media_publish before that is 9007/2207027', async () => {
    await control(sim, 'POST', 'publishing', { containerPolls: 2 });
    const c = await graph(sim, 'POST', `${IG}/media`, {
      token,
      form: { image_url: 'https://cdn.example.test/a.jpg', caption: 'Hi' },
    });
    const early = await graph(sim, 'POST', `${IG}/media_publish`, {
      token,
      form: { creation_id: c.body.id },
    });
    expect(early.body.error).toMatchObject({ code: 9007, error_subcode: 2207027 });
    const poll = async () =>
      (await graph(sim, 'GET', c.body.id, { token, query: { fields: 'status_code,status' } })).body;
    expect(await poll()).toMatchObject({ status_code: 'IN_PROGRESS' });
    expect(await poll()).toMatchObject({ status_code: 'FINISHED' });
    const media = await graph(sim, 'POST', `${IG}/media_publish`, {
      token,
      form: { creation_id: c.body.id },
    });
    expect(await poll()).toMatchObject({ status_code: 'PUBLISHED' });
    const read = await graph(sim, 'GET', media.body.id, { token, query: { fields: 'permalink,caption' } });
    expect(read.body).toEqual({
      id: media.body.id,
      caption: 'Hi',
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\//),
    });
  });

  it('ERROR and EXPIRED with a reason; expiry after 24 h on the simulator clock', async () => {
    await control(sim, 'POST', 'publishing', { containerOutcome: 'ERROR' });
    const bad = await graph(sim, 'POST', `${IG}/media`, {
      token,
      form: { image_url: 'https://cdn.example.test/a.jpg' },
    });
    expect(
      (await graph(sim, 'GET', bad.body.id, { token, query: { fields: 'status_code,status' } })).body,
    ).toMatchObject({ status_code: 'ERROR', status: expect.stringContaining('2207026') });
    await control(sim, 'POST', 'publishing', { containerOutcome: 'FINISHED' });
    const late = await graph(sim, 'POST', `${IG}/media`, {
      token,
      form: { image_url: 'https://cdn.example.test/a.jpg' },
    });
    await control(sim, 'POST', 'clock', { advanceSeconds: 24 * 3600 + 1 });
    expect(
      (await graph(sim, 'GET', late.body.id, { token, query: { fields: 'status_code' } })).body,
    ).toMatchObject({ status_code: 'EXPIRED' });
  });

  it('caption limits, carousels of FINISHED items only, and the publishing limit', async () => {
    const caption = async (text: string) =>
      (
        await graph(sim, 'POST', `${IG}/media`, {
          token,
          form: { image_url: 'https://cdn.example.test/a.jpg', caption: text },
        })
      ).body.error?.error_subcode;
    expect(await caption('x'.repeat(2201))).toBe(2207010);
    expect(await caption(Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '))).toBe(2207010);
    expect(await caption(Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' '))).toBe(2207040);

    await control(sim, 'POST', 'publishing', { containerPolls: 1 });
    const child = async () =>
      (
        await graph(sim, 'POST', `${IG}/media`, {
          token,
          form: { image_url: 'https://cdn.example.test/a.jpg', is_carousel_item: 'true' },
        })
      ).body.id as string;
    const kids = [await child(), await child()];
    const early = await graph(sim, 'POST', `${IG}/media`, {
      token,
      form: { media_type: 'CAROUSEL', children: kids.join(',') },
    });
    expect(early.body.error).toMatchObject({ code: 100 });
    for (const k of kids) await graph(sim, 'GET', k, { token, query: { fields: 'status_code' } });
    const parent = await graph(sim, 'POST', `${IG}/media`, {
      token,
      form: { media_type: 'CAROUSEL', children: kids.join(',') },
    });
    expect(parent.body.id).toEqual(expect.any(String));

    await control(sim, 'POST', 'publishing', { quotaUsage: 50, quotaTotal: 50 });
    const limit = await graph(sim, 'GET', `${IG}/content_publishing_limit`, {
      token,
      query: { fields: 'quota_usage,config' },
    });
    expect(limit.body.data[0]).toEqual({
      quota_usage: 50,
      config: { quota_total: 50, quota_duration: 86400 },
    });
    await graph(sim, 'GET', parent.body.id, { token, query: { fields: 'status_code' } });
    const over = await graph(sim, 'POST', `${IG}/media_publish`, {
      token,
      form: { creation_id: parent.body.id },
    });
    expect(over.body.error).toMatchObject({ code: 9, error_subcode: 2207042 });
  });
});
