/**
 * What Meta accepts for the WhatsApp Business Management calls this module makes, written once: the API's
 * schemas refuse the same things before Meta is called, so a tenant gets a precise 400 instead of Meta's
 * generic (#100). Each limit names the Meta page it comes from.
 */

/**
 * Two-step verification PIN: exactly six digits.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/registration/
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/two-step-verification/
 */
export const PIN_PATTERN = /^[0-9]{6}$/;

/**
 * Template names: lower-case letters, digits and underscores, at most 512 characters; categories and the
 * 100-creations-per-hour limit per WhatsApp Business Account.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview
 */
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]{1,512}$/;
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'ARCHIVED',
  'LIMIT_EXCEEDED',
] as const;
/** language and locale codes as Meta writes them: `en`, `en_US`, `pt_BR`, `zh_CN`, `es_LA` */
export const TEMPLATE_LANGUAGE_PATTERN = /^[a-z]{2,3}(_[A-Z]{2,3})?$/;

/**
 * Components: one header (TEXT ≤ 60 characters with at most one variable; IMAGE, VIDEO and DOCUMENT with
 * an uploaded media handle as example; LOCATION), the body (required, ≤ 1,024 characters), a footer
 * (≤ 60 characters, no variables), buttons (at most 10; quick-reply and button labels ≤ 25 characters; at
 * most 2 URL buttons and 1 phone-number button; URL ≤ 2,000 characters with at most one variable, at the
 * end). A variable anywhere needs its example values.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components/
 */
export const TEMPLATE_LIMITS = {
  headerText: 60,
  headerVariables: 1,
  bodyText: 1024,
  footerText: 60,
  buttons: 10,
  buttonText: 25,
  urlButtons: 2,
  phoneButtons: 1,
  url: 2000,
  phoneNumber: 20,
  /** example values are what a reviewer reads: Meta does not state a cap, this keeps a body bounded */
  exampleValue: 200,
} as const;
export const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP'] as const;

/**
 * Business profile fields and their limits: about 1–139 characters, address ≤ 256, description ≤ 512,
 * email ≤ 128, at most 2 websites of ≤ 256 characters each starting with http:// or https://, and the
 * vertical from Meta's list.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/business-profiles
 */
export const PROFILE_LIMITS = {
  about: 139,
  address: 256,
  description: 512,
  email: 128,
  websites: 2,
  website: 256,
} as const;
export const PROFILE_VERTICALS = [
  'UNDEFINED',
  'OTHER',
  'AUTO',
  'BEAUTY',
  'APPAREL',
  'EDU',
  'ENTERTAIN',
  'EVENT_PLAN',
  'FINANCE',
  'GROCERY',
  'GOVT',
  'HOTEL',
  'HEALTH',
  'NONPROFIT',
  'PROF_SERVICES',
  'RETAIL',
  'TRAVEL',
  'RESTAURANT',
  'ALCOHOL',
  'ONLINE_GAMBLING',
  'PHYSICAL_GAMBLING',
  'OTC_DRUGS',
] as const;

/** `{{1}}` positional or `{{order_id}}` named placeholders, as Meta writes them. */
export const VARIABLE_PATTERN = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

export const variablesIn = (text: string): string[] => [...text.matchAll(VARIABLE_PATTERN)].map((m) => m[1]!);
