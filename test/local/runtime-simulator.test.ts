import { withLocalRuntime } from '../support/local-runtime';

// The runtime with the Meta simulator wired in: a simulated lead's signed webhook reaches the webhook
// handler through the local API, is handed off on the bus and delivered to the lead-fetch queue.
describe('local runtime with the Meta simulator', () => {
  const rt = withLocalRuntime();

  it('points the simulator at the local API and the service at the simulator', () => {
    const { runtime } = rt;
    expect(runtime.simUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(runtime.config.metaGraphUrl).toBe(runtime.simUrl);
    expect(runtime.config.metaLoginUrl).toBe(runtime.simUrl);
  });

  it('delivers a simulated lead webhook through the API onto the bus and into lead-fetch', async () => {
    const { runtime } = rt;
    const state = (await (await fetch(`${runtime.simUrl}/_sim/state`)).json()) as {
      leadForms: Array<{ id: string; pageId: string }>;
    };
    const form = state.leadForms[0]!;
    const res = await fetch(`${runtime.simUrl}/_sim/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        pageId: form.pageId,
        formId: form.id,
        fieldData: [{ name: 'email', values: ['ada@example.com'] }],
        deliver: true,
      }),
    });
    expect(res.status).toBe(200);
    const { leadgenId } = (await res.json()) as { leadgenId: string };
    const events = runtime.events({ detailType: 'meta.page.leadgen' });
    expect(events).toHaveLength(1);
    expect(events[0]!.envelope.detail).toMatchObject({ value: { leadgen_id: leadgenId } });
    await runtime.busSettled();
    expect(events[0]!.deliveries).toEqual([
      expect.objectContaining({ queue: 'lead-fetch', messageId: expect.any(String) }),
    ]);
  });
});
