/**
 * The caps every request schema draws from, so that a body that validates also fits where it is going:
 * Meta's own limits where Meta has one, and DynamoDB's 400 KB item
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items)
 * for what is stored as one item (a setting, a mapping, a post). A body over a cap is a 400 naming the
 * field; a write that still adds up past the item limit is a 413 (see platform/adapters/table/item-size.ts).
 */
import * as z from './zod';
import { checkPublicUrl, MAX_URL_LENGTH, type UrlUse } from '../core/urls/url-guard';

/**
 * How many rules a tenant may keep in one rule set, and how many entries each rule's lists may hold:
 * 50 × (20 actors of 200 chars + 50 ids of 32 digits + 200 chars) stays under 300 KB, so the whole
 * set is one DynamoDB item with room to spare.
 */
export const RULE_CAPS = { rules: 50, actors: 20, ids: 50, description: 200, actor: 200 } as const;

/** Keys JavaScript objects treat specially: never accepted as a map key from a client. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A map key: the given pattern, and never a reserved name. */
export const mapKey = (pattern: RegExp, message: string) =>
  z.string().check(
    z.regex(pattern, message),
    z.refine((k) => !RESERVED_KEYS.has(k), { message: 'a reserved name' }),
  );

/** A map of at most `max` entries (JSON objects have no length of their own to cap). */
export const cappedRecord = <K extends z.ZodMiniType<string>, V extends z.ZodMiniType>(
  key: K,
  value: V,
  max: number,
  what: string,
) =>
  z.record(key, value).check(
    z.refine((r) => Object.keys(r).length <= max, { message: `at most ${max} ${what}` }),
    z.meta({ maxProperties: max }),
  );

/** A URL that passed the URL guard; a refusal carries the guard's reason code. */
export const publicUrl = (use: UrlUse) =>
  z.string().check(
    z.maxLength(MAX_URL_LENGTH),
    z.superRefine((value, ctx) => {
      const check = checkPublicUrl(value, use);
      if (!check.ok)
        ctx.addIssue({ code: 'custom', message: check.message, params: { reason: check.reason } });
    }),
    z.meta({ format: 'uri' }),
  );

/** A real calendar day (`2026-02-30` is refused), as YYYY-MM-DD. */
export const calendarDate = z.iso.date({ message: 'a real calendar date as YYYY-MM-DD' });

/** An ISO 8601 date-time with an offset, on a real calendar day; normalized to UTC. */
export const isoDateTime = z
  .string()
  .check(
    z.maxLength(40),
    z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time on a real calendar day' }),
  );

export const DAY_MS = 86_400_000;
