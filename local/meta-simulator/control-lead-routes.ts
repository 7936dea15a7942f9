/** `POST /_sim/leads`: a person submits a lead form; optionally Meta delivers the signed leadgen webhook. */
import * as z from 'zod';
import { type ControlContext, ControlError, type ControlRoute, ok, parseInput } from './control-router';
import { createLead, leadgenWebhook } from './lead-factory';
import { deliverWebhook, metaJsonStringify } from './webhook-sender';

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const NewLeadSchema = z.object({
  pageId: id,
  formId: id,
  adId: id.optional(),
  fieldData: z.union([
    z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    z.array(z.object({ name: z.string().min(1), values: z.array(z.string()) })),
  ]),
  createdTime: z.union([z.number().int().nonnegative(), z.string().min(1)]).optional(),
  platform: z.enum(['fb', 'ig']).optional(),
  isOrganic: z.boolean().optional(),
  /** a fixed lead id, e.g. the one a golden webhook fixture names */
  leadgenId: z
    .string()
    .regex(/^\d{10,20}$/)
    .optional(),
  deliver: z.boolean().default(false),
  /** deliver only when the app is subscribed to the Page's `leadgen` field, as Meta would */
  onlyIfSubscribed: z.boolean().default(false),
});

async function postLead(c: ControlContext) {
  const input = parseInput(NewLeadSchema, c.body);
  const { core } = c;
  const webhookUrl = core.targets.webhookUrl;
  if (input.deliver && !webhookUrl)
    throw new ControlError(409, 'no_webhook_url', 'deliver needs a webhookUrl (setTargets)');
  const lead = createLead(core.world, core.now(), {
    pageId: input.pageId,
    formId: input.formId,
    fieldData: input.fieldData,
    ...(input.adId !== undefined ? { adId: input.adId } : {}),
    ...(input.createdTime !== undefined ? { createdTime: input.createdTime } : {}),
    ...(input.platform !== undefined ? { platform: input.platform } : {}),
    ...(input.isOrganic !== undefined ? { isOrganic: input.isOrganic } : {}),
    ...(input.leadgenId !== undefined ? { leadgenId: input.leadgenId } : {}),
  });
  if (!input.deliver || !webhookUrl) return ok({ leadgenId: lead.id });

  const subscribed =
    core.world.pages.get(lead.pageId)?.subscribedApps.get(core.appId)?.includes('leadgen') ?? false;
  if (input.onlyIfSubscribed && !subscribed) {
    return ok({ leadgenId: lead.id, deliveryStatus: null, pageSubscribed: false });
  }
  const raw = Buffer.from(metaJsonStringify(leadgenWebhook(lead, core.now())), 'utf8');
  const delivery = await deliverWebhook(webhookUrl, raw, core.appSecret);
  return ok({
    leadgenId: lead.id,
    deliveryStatus: delivery.status,
    deliveryBody: delivery.body,
    pageSubscribed: subscribed,
    ...(delivery.error ? { deliveryError: delivery.error } : {}),
  });
}

export const leadControlRoutes: ControlRoute[] = [{ method: 'POST', pattern: '/leads', handle: postLead }];
