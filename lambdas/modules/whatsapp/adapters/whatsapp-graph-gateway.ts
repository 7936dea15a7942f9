/**
 * The WhatsApp module's slice of the Graph API over the shared Graph client: number registration, the
 * account's message templates and the number's business profile. Paths, bodies and Meta's answer shapes
 * live here; bodies are JSON, as in every example on Meta's pages.
 */
import * as z from '../../../platform/contracts/zod';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { idString, readAllPages } from '../../../platform/adapters/graph/graph-pages';
import type { TemplateSubmission } from '../contracts/http';
import type { MetaBusinessProfile, MetaTemplate, ProfileChange, WhatsAppGraph } from '../ports';

const Success = z.object({ success: z.boolean() });

/** Meta's list answer: https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/ */
const TemplateItem = z.object({
  id: idString,
  name: z.string().check(z.maxLength(512)),
  language: z.string().check(z.maxLength(16)),
  status: z.string().check(z.maxLength(64)),
  category: z.nullish(z.string().check(z.maxLength(64))),
  rejected_reason: z.nullish(z.string().check(z.maxLength(2000))),
  components: z._default(z.array(z.unknown()).check(z.maxLength(20)), []),
});

const ProfileItem = z.object({
  about: z.nullish(z.string()),
  address: z.nullish(z.string()),
  description: z.nullish(z.string()),
  email: z.nullish(z.string()),
  websites: z.nullish(z.array(z.string()).check(z.maxLength(10))),
  vertical: z.nullish(z.string()),
  profile_picture_url: z.nullish(z.string()),
});

const PROFILE_FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';

export class WhatsAppGraphGateway implements WhatsAppGraph {
  constructor(private readonly client: GraphClient) {}

  /**
   * `POST /{phone-number-id}/register` with the 6-digit PIN; at most 10 requests per number in 72 hours
   * (code 133016), so it is never retried on its own.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/registration/
   */
  async registerNumber(phoneNumberId: string, token: string, pin: string): Promise<void> {
    await this.client.post(`${phoneNumberId}/register`, {
      token,
      json: { messaging_product: 'whatsapp', pin },
      schema: Success,
      idempotent: false,
    });
  }

  /** `POST /{phone-number-id}/deregister`: https://developers.facebook.com/docs/whatsapp/cloud-api/reference/registration */
  async deregisterNumber(phoneNumberId: string, token: string): Promise<void> {
    await this.client.post(`${phoneNumberId}/deregister`, { token, schema: Success, idempotent: false });
  }

  async listTemplates(wabaId: string, token: string): Promise<MetaTemplate[]> {
    const items = await readAllPages(this.client, `${wabaId}/message_templates`, {
      token,
      item: TemplateItem,
      query: { fields: 'id,name,language,status,category,rejected_reason,components', limit: 100 },
      // Meta caps an account at a few thousand templates; 100 a page
      maxPages: 60,
    });
    return items.map((t) => ({
      id: t.id,
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category ?? null,
      reason: t.rejected_reason ?? null,
      components: t.components,
    }));
  }

  /**
   * `POST /{waba-id}/message_templates` → `{id, status, category}`. Not retried: a lost answer may have
   * created it, and a second try is refused as a duplicate.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview
   */
  async createTemplate(wabaId: string, token: string, t: TemplateSubmission) {
    const res = await this.client.post(`${wabaId}/message_templates`, {
      token,
      json: {
        name: t.name,
        language: t.language,
        category: t.category,
        ...(t.allowCategoryChange !== undefined ? { allow_category_change: t.allowCategoryChange } : {}),
        ...(t.parameterFormat ? { parameter_format: t.parameterFormat } : {}),
        components: t.components,
      },
      schema: z.object({
        id: idString,
        status: z.string().check(z.maxLength(64)),
        category: z.nullish(z.string().check(z.maxLength(64))),
      }),
      idempotent: false,
    });
    return { id: res.id, status: res.status, category: res.category ?? null };
  }

  /** `DELETE /{waba-id}/message_templates?name=…` deletes every language of the name. */
  async deleteTemplate(wabaId: string, token: string, name: string): Promise<void> {
    await this.client.delete(`${wabaId}/message_templates`, { token, query: { name }, schema: Success });
  }

  /** https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/business-profiles */
  async getProfile(phoneNumberId: string, token: string): Promise<MetaBusinessProfile> {
    const res = await this.client.get(`${phoneNumberId}/whatsapp_business_profile`, {
      token,
      query: { fields: PROFILE_FIELDS },
      schema: z.object({ data: z.array(ProfileItem).check(z.maxLength(1)) }),
    });
    const p = res.data[0] ?? {};
    return {
      about: p.about ?? null,
      address: p.address ?? null,
      description: p.description ?? null,
      email: p.email ?? null,
      websites: p.websites ?? [],
      vertical: p.vertical ?? null,
      profilePictureUrl: p.profile_picture_url ?? null,
    };
  }

  /** Setting the same fields twice leaves the same profile: safe to repeat after a lost answer. */
  async updateProfile(phoneNumberId: string, token: string, change: ProfileChange): Promise<void> {
    await this.client.post(`${phoneNumberId}/whatsapp_business_profile`, {
      token,
      json: { messaging_product: 'whatsapp', ...change },
      schema: Success,
      idempotent: true,
    });
  }
}
