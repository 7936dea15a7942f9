/** zod shapes of Meta's answers to the connections module's calls: checked before the core sees them. */
import * as z from 'zod';
import { idString } from '../../../platform/adapters/graph/graph-pages';

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().int().nonnegative().optional(),
});

export const DebugTokenResponse = z.object({
  data: z.object({
    app_id: z.string().optional(),
    type: z.string().optional(),
    is_valid: z.boolean(),
    user_id: z.string().optional(),
    scopes: z.array(z.string()).default([]),
    /** the assets each permission was granted for, when the person picked them one by one */
    granular_scopes: z
      .array(z.object({ scope: z.string(), target_ids: z.array(idString).max(5000).optional() }))
      .max(200)
      .default([]),
    expires_at: z.number().int().optional(),
    data_access_expires_at: z.number().int().optional(),
    error: z
      .object({ code: z.number().int().optional(), subcode: z.number().int().optional() })
      .partial()
      .optional(),
  }),
});

export const MeResponse = z.object({ id: z.string(), name: z.string().optional() });

export const PageItem = z.object({
  id: idString,
  name: z.string().default(''),
  category: z.string().optional(),
  access_token: z.string().optional(),
  instagram_business_account: z.object({ id: idString }).optional(),
});

export const BusinessItem = z.object({ id: idString, name: z.string().default('') });

export const AdAccountItem = z.object({
  id: z.string(),
  account_id: idString.optional(),
  name: z.string().default(''),
  currency: z.string().optional(),
});

export const InstagramAccount = z.object({
  id: idString,
  username: z.string().optional(),
});

export const LeadFormItem = z.object({
  id: idString,
  name: z.string().default(''),
  status: z.string().optional(),
});

export const WabaItem = z.object({ id: idString, name: z.string().optional() });

export const PhoneNumberItem = z.object({
  id: idString,
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
});

export const SubscribedAppItem = z.object({
  id: idString.optional(),
  subscribed_fields: z.array(z.union([z.string(), z.object({ name: z.string() })])).default([]),
});

/** `{"success": true}` — Meta has been seen sending the string "true" too. */
export const SuccessResponse = z.object({ success: z.union([z.boolean(), z.literal('true')]) });
