/** zod shapes of Meta's answers to the connections module's calls: checked before the core sees them. */
import * as z from '../../../platform/contracts/zod';
import { idString } from '../../../platform/adapters/graph/graph-pages';

export const TokenResponse = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.optional(z.string()),
  expires_in: z.optional(z.coerce.number().check(z.int(), z.nonnegative())),
});

export const DebugTokenResponse = z.object({
  data: z.object({
    app_id: z.optional(z.string()),
    type: z.optional(z.string()),
    is_valid: z.boolean(),
    user_id: z.optional(z.string()),
    scopes: z._default(z.array(z.string()), []),
    /** the assets each permission was granted for, when the person picked them one by one */
    granular_scopes: z._default(
      z
        .array(
          z.object({ scope: z.string(), target_ids: z.optional(z.array(idString).check(z.maxLength(5000))) }),
        )
        .check(z.maxLength(200)),
      [],
    ),
    expires_at: z.optional(z.number().check(z.int())),
    data_access_expires_at: z.optional(z.number().check(z.int())),
    error: z.optional(
      z.partial(
        z.object({
          code: z.optional(z.number().check(z.int())),
          subcode: z.optional(z.number().check(z.int())),
        }),
      ),
    ),
  }),
});

export const MeResponse = z.object({ id: z.string(), name: z.optional(z.string()) });

export const PageItem = z.object({
  id: idString,
  name: z._default(z.string(), ''),
  category: z.optional(z.string()),
  access_token: z.optional(z.string()),
  instagram_business_account: z.optional(z.object({ id: idString })),
});

export const BusinessItem = z.object({ id: idString, name: z._default(z.string(), '') });

export const AdAccountItem = z.object({
  id: z.string(),
  account_id: z.optional(idString),
  name: z._default(z.string(), ''),
  currency: z.optional(z.string()),
});

export const InstagramAccount = z.object({
  id: idString,
  username: z.optional(z.string()),
});

export const LeadFormItem = z.object({
  id: idString,
  name: z._default(z.string(), ''),
  status: z.optional(z.string()),
});

export const WabaItem = z.object({ id: idString, name: z.optional(z.string()) });

export const PhoneNumberItem = z.object({
  id: idString,
  display_phone_number: z.optional(z.string()),
  verified_name: z.optional(z.string()),
});

export const SubscribedAppItem = z.object({
  id: z.optional(idString),
  subscribed_fields: z._default(z.array(z.union([z.string(), z.object({ name: z.string() })])), []),
});

/** `{"success": true}` — Meta has been seen sending the string "true" too. */
export const SuccessResponse = z.object({ success: z.union([z.boolean(), z.literal('true')]) });
