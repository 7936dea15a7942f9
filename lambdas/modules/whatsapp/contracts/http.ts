/**
 * The HTTP operations of the WhatsApp management API: the handler parses with them and the OpenAPI
 * document is made of them. Template components keep Meta's own shape (`type`, `format`, `text`,
 * `example.body_text`, `buttons[].phone_number`), so a template written for Meta's API is accepted as is;
 * the rules Meta applies to them (meta-limits.ts) are checked here, before Meta is called.
 */
import * as z from '../../../platform/contracts/zod';
import { listOf, type OperationSchemas } from '../../../platform/contracts/http-schemas';
import {
  BUTTON_TYPES,
  HEADER_FORMATS,
  PIN_PATTERN,
  PROFILE_LIMITS,
  PROFILE_VERTICALS,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGUAGE_PATTERN,
  TEMPLATE_LIMITS as L,
  TEMPLATE_NAME_PATTERN,
  variablesIn,
} from './meta-limits';

const metaId = (what: string) => z.string().check(z.regex(/^[0-9]{1,32}$/, `not a ${what} id`));

export const PhoneNumberParams = z.strictObject({ phoneNumberId: metaId('WhatsApp phone number') });
export const WabaParams = z.strictObject({ wabaId: metaId('WhatsApp Business Account') });
export const TemplateNameParams = z.strictObject({
  ...WabaParams.shape,
  name: z.string().check(z.regex(TEMPLATE_NAME_PATTERN, 'lower-case letters, digits and _, at most 512')),
});

/** The PIN travels to Meta once and is never stored or logged (the audit entry says only that it was given). */
export const RegisterBody = z.strictObject({
  pin: z.string().check(z.regex(PIN_PATTERN, 'the two-step verification PIN is exactly 6 digits')),
});

const exampleValue = z.string().check(z.minLength(1), z.maxLength(L.exampleValue));

const HeaderComponent = z.strictObject({
  type: z.literal('HEADER'),
  format: z.enum(HEADER_FORMATS),
  text: z.optional(
    z
      .string()
      .check(z.minLength(1), z.maxLength(L.headerText, `header text is at most ${L.headerText} characters`)),
  ),
  example: z.optional(
    z.strictObject({
      header_text: z.optional(z.array(exampleValue).check(z.maxLength(1))),
      header_text_named_params: z.optional(
        z
          .array(
            z.object({ param_name: z.string().check(z.regex(/^[a-z0-9_]{1,60}$/)), example: exampleValue }),
          )
          .check(z.maxLength(1)),
      ),
      header_handle: z.optional(
        z.array(z.string().check(z.minLength(1), z.maxLength(2048))).check(z.maxLength(1)),
      ),
    }),
  ),
});

const BodyComponent = z.strictObject({
  type: z.literal('BODY'),
  text: z.optional(
    z
      .string()
      .check(z.minLength(1), z.maxLength(L.bodyText, `body text is at most ${L.bodyText} characters`)),
  ),
  /** authentication templates: Meta writes the body and may add its security sentence */
  add_security_recommendation: z.optional(z.boolean()),
  example: z.optional(
    z.strictObject({
      body_text: z.optional(z.array(z.array(exampleValue).check(z.maxLength(100))).check(z.maxLength(1))),
      body_text_named_params: z.optional(
        z
          .array(
            z.object({ param_name: z.string().check(z.regex(/^[a-z0-9_]{1,60}$/)), example: exampleValue }),
          )
          .check(z.maxLength(100)),
      ),
    }),
  ),
});

const FooterComponent = z.strictObject({
  type: z.literal('FOOTER'),
  text: z.optional(
    z
      .string()
      .check(z.minLength(1), z.maxLength(L.footerText, `footer text is at most ${L.footerText} characters`)),
  ),
  /** authentication templates: the code's expiry note */
  code_expiration_minutes: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(90))),
});

const Button = z.strictObject({
  type: z.enum(BUTTON_TYPES),
  text: z.optional(
    z
      .string()
      .check(z.minLength(1), z.maxLength(L.buttonText, `button text is at most ${L.buttonText} characters`)),
  ),
  url: z.optional(z.string().check(z.maxLength(L.url))),
  phone_number: z.optional(
    z.string().check(z.regex(/^\+?[0-9]{4,19}$/, 'a phone number with its country code')),
  ),
  example: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(L.url))).check(z.maxLength(1))),
  otp_type: z.optional(z.enum(['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'])),
});

const ButtonsComponent = z.strictObject({
  type: z.literal('BUTTONS'),
  buttons: z.array(Button).check(z.minLength(1), z.maxLength(L.buttons, `at most ${L.buttons} buttons`)),
});

const Component = z.discriminatedUnion('type', [
  HeaderComponent,
  BodyComponent,
  FooterComponent,
  ButtonsComponent,
]);
export type TemplateComponent = z.output<typeof Component>;

type Issue = { path: (string | number)[]; message: string };

/** Meta's positional variables run {{1}}, {{2}} … without gaps; named ones are lower-case words. */
function variableIssues(vars: string[], format: 'POSITIONAL' | 'NAMED', path: (string | number)[]): Issue[] {
  const distinct = [...new Set(vars)];
  if (format === 'NAMED')
    return distinct.some((v) => /^[0-9]+$/.test(v))
      ? [{ path, message: 'parameterFormat NAMED takes {{name}} variables, not {{1}}' }]
      : [];
  const numbers = distinct.map(Number);
  if (numbers.some((n) => !Number.isInteger(n)))
    return [
      { path, message: 'positional variables are {{1}}, {{2}} …; set parameterFormat NAMED for names' },
    ];
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted.every((n, i) => n === i + 1)
    ? []
    : [{ path, message: 'variables must be numbered {{1}}, {{2}} … without gaps' }];
}

/** The rules across components Meta applies at creation (meta-limits.ts names the page). */
export function templateIssues(t: {
  category: string;
  parameterFormat?: 'POSITIONAL' | 'NAMED';
  components: TemplateComponent[];
}): Issue[] {
  const issues: Issue[] = [];
  const format = t.parameterFormat ?? 'POSITIONAL';
  const count = (type: string) => t.components.filter((c) => c.type === type).length;
  for (const type of ['HEADER', 'FOOTER', 'BUTTONS'])
    if (count(type) > 1) issues.push({ path: ['components'], message: `at most one ${type} component` });
  if (count('BODY') !== 1) issues.push({ path: ['components'], message: 'exactly one BODY component' });
  const auth = t.category === 'AUTHENTICATION';
  t.components.forEach((c, i) => {
    const at = ['components', i];
    if (c.type === 'HEADER') {
      if (c.format === 'TEXT') {
        if (!c.text) issues.push({ path: [...at, 'text'], message: 'a TEXT header needs its text' });
        const vars = variablesIn(c.text ?? '');
        if (new Set(vars).size > L.headerVariables)
          issues.push({ path: [...at, 'text'], message: 'a header takes at most one variable' });
        else if (vars.length > 0) {
          issues.push(...variableIssues(vars, format, [...at, 'text']));
          const examples = format === 'NAMED' ? c.example?.header_text_named_params : c.example?.header_text;
          if (!examples?.length)
            issues.push({
              path: [...at, 'example'],
              message: 'a header variable needs its example value (example.header_text)',
            });
        }
      } else if (c.format !== 'LOCATION' && !c.example?.header_handle?.length) {
        issues.push({
          path: [...at, 'example', 'header_handle'],
          message: `a ${c.format} header needs an uploaded media handle as its example`,
        });
      }
    }
    if (c.type === 'BODY') {
      if (!c.text && !auth) issues.push({ path: [...at, 'text'], message: 'the BODY needs its text' });
      const vars = variablesIn(c.text ?? '');
      if (vars.length > 0) {
        issues.push(...variableIssues(vars, format, [...at, 'text']));
        const distinct = new Set(vars).size;
        const given =
          format === 'NAMED'
            ? new Set((c.example?.body_text_named_params ?? []).map((p) => p.param_name))
            : null;
        const missing =
          format === 'NAMED'
            ? [...new Set(vars)].filter((v) => !given!.has(v)).length > 0
            : (c.example?.body_text?.[0]?.length ?? 0) !== distinct;
        if (missing)
          issues.push({
            path: [...at, 'example'],
            message: `the body has ${distinct} variable(s): give one example value for each (example.${format === 'NAMED' ? 'body_text_named_params' : 'body_text'})`,
          });
      }
    }
    if (c.type === 'FOOTER' && c.text && variablesIn(c.text).length > 0)
      issues.push({ path: [...at, 'text'], message: 'a footer takes no variables' });
    if (c.type === 'BUTTONS') {
      const of = (type: string) => c.buttons.filter((b) => b.type === type).length;
      if (of('URL') > L.urlButtons)
        issues.push({ path: [...at, 'buttons'], message: `at most ${L.urlButtons} URL buttons` });
      if (of('PHONE_NUMBER') > L.phoneButtons)
        issues.push({ path: [...at, 'buttons'], message: `at most ${L.phoneButtons} phone-number button` });
      c.buttons.forEach((b, j) => {
        const bAt = [...at, 'buttons', j];
        if (b.type !== 'OTP' && b.type !== 'COPY_CODE' && !b.text)
          issues.push({ path: [...bAt, 'text'], message: `a ${b.type} button needs its text` });
        if (b.type === 'OTP' && !auth)
          issues.push({ path: [...bAt, 'type'], message: 'OTP buttons are for AUTHENTICATION templates' });
        if (b.type === 'URL') {
          if (!b.url || !/^https?:\/\//.test(b.url))
            issues.push({ path: [...bAt, 'url'], message: 'a URL button needs an http(s) URL' });
          const vars = variablesIn(b.url ?? '');
          if (vars.length > 1 || (vars.length === 1 && !/\{\{\s*[a-z0-9_]+\s*\}\}$/.test(b.url ?? '')))
            issues.push({ path: [...bAt, 'url'], message: 'a URL takes one variable, at its end' });
          else if (vars.length === 1 && !b.example?.length)
            issues.push({ path: [...bAt, 'example'], message: 'a URL variable needs its example URL' });
        }
        if (b.type === 'PHONE_NUMBER' && !b.phone_number)
          issues.push({ path: [...bAt, 'phone_number'], message: 'a phone-number button needs its number' });
      });
    }
  });
  return issues;
}

export const TemplateSubmission = z
  .strictObject({
    name: z.string().check(z.regex(TEMPLATE_NAME_PATTERN, 'lower-case letters, digits and _, at most 512')),
    language: z.string().check(z.regex(TEMPLATE_LANGUAGE_PATTERN, 'a language code such as en or en_US')),
    category: z.enum(TEMPLATE_CATEGORIES),
    /** let Meta put the template in the category it judges right instead of rejecting it */
    allowCategoryChange: z.optional(z.boolean()),
    parameterFormat: z.optional(z.enum(['POSITIONAL', 'NAMED'])),
    components: z.array(Component).check(z.minLength(1), z.maxLength(4)),
  })
  .check(
    z.superRefine((t, ctx) => {
      for (const issue of templateIssues(t)) ctx.addIssue({ code: 'custom', ...issue });
    }),
  );
export type TemplateSubmission = z.output<typeof TemplateSubmission>;

export const TemplateListQuery = z.strictObject({
  /** `true`: read the templates from Meta first and store what it answers */
  refresh: z._default(z.enum(['true', 'false']), 'false'),
});

export const TemplateSchema = z
  .object({
    id: z.string(),
    wabaId: z.string(),
    connectionId: z.string(),
    name: z.string(),
    language: z.string(),
    category: z.nullable(z.string()),
    status: z.string(),
    /** Meta's reason on a rejection, pause or disable (`NONE` is read as null) */
    reason: z.nullable(z.string()),
    components: z.array(z.unknown()),
    /** where the stored state last came from */
    source: z.enum(['submitted', 'synced', 'webhook']),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'WhatsAppTemplate' });

const nonEmpty = (max: number, what: string) =>
  z
    .string()
    .check(
      z.minLength(1, `${what} cannot be empty`),
      z.maxLength(max, `${what} is at most ${max} characters`),
    );

export const ProfileUpdate = z
  .strictObject(
    z.partial(
      z.object({
        about: nonEmpty(PROFILE_LIMITS.about, 'about'),
        address: nonEmpty(PROFILE_LIMITS.address, 'address'),
        description: nonEmpty(PROFILE_LIMITS.description, 'description'),
        email: z.email().check(z.maxLength(PROFILE_LIMITS.email)),
        websites: z
          .array(
            z
              .string()
              .check(
                z.maxLength(PROFILE_LIMITS.website),
                z.regex(/^https?:\/\/[^\s]+$/, 'a website starts with http:// or https://'),
              ),
          )
          .check(z.maxLength(PROFILE_LIMITS.websites, `at most ${PROFILE_LIMITS.websites} websites`)),
        vertical: z.enum(PROFILE_VERTICALS),
      }),
    ).shape,
  )
  .check(
    z.refine((b) => Object.keys(b).length > 0, { message: 'give at least one profile field to change' }),
  );
export type ProfileUpdate = z.output<typeof ProfileUpdate>;

export const ProfileSchema = z
  .object({
    phoneNumberId: z.string(),
    about: z.nullable(z.string()),
    address: z.nullable(z.string()),
    description: z.nullable(z.string()),
    email: z.nullable(z.string()),
    websites: z.array(z.string()),
    vertical: z.nullable(z.string()),
    profilePictureUrl: z.nullable(z.string()),
    readAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'WhatsAppBusinessProfile' });

const Registration = z.object({
  phoneNumberId: z.string(),
  wabaId: z.string(),
  registered: z.boolean(),
  at: z.string(),
});

export const WHATSAPP_OPERATIONS = {
  registerWhatsAppNumber: {
    params: PhoneNumberParams,
    body: RegisterBody,
    responses: { 200: Registration },
  },
  deregisterWhatsAppNumber: { params: PhoneNumberParams, responses: { 200: Registration } },
  listWhatsAppAccountTemplates: {
    params: WabaParams,
    query: TemplateListQuery,
    responses: { 200: listOf(TemplateSchema) },
  },
  submitWhatsAppTemplate: {
    params: WabaParams,
    body: TemplateSubmission,
    responses: { 201: TemplateSchema },
  },
  deleteWhatsAppTemplate: {
    params: TemplateNameParams,
    responses: {
      200: z.object({
        wabaId: z.string(),
        name: z.string(),
        deleted: z.literal(true),
        languages: z.number(),
      }),
    },
  },
  getWhatsAppBusinessProfile: { params: PhoneNumberParams, responses: { 200: ProfileSchema } },
  updateWhatsAppBusinessProfile: {
    params: PhoneNumberParams,
    body: ProfileUpdate,
    responses: { 200: ProfileSchema },
  },
} satisfies Record<string, OperationSchemas>;

/** Stable component names of the request schemas in the OpenAPI document (renaming one breaks clients). */
export const WHATSAPP_SCHEMA_NAMES: Record<string, z.ZodMiniType> = {
  WhatsAppNumberRegistration: RegisterBody,
  WhatsAppTemplateSubmission: TemplateSubmission,
  WhatsAppBusinessProfileUpdate: ProfileUpdate,
};

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const WHATSAPP_REQUEST_EXAMPLES: Record<string, unknown> = {
  registerWhatsAppNumber: { pin: '123456' },
  submitWhatsAppTemplate: {
    name: 'order_ready',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1042'] } },
      {
        type: 'BODY',
        text: 'Hi {{1}}, your order {{2}} is ready for pickup.',
        example: { body_text: [['Ana', '#1042']] },
      },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Thanks' }] },
    ],
  },
  updateWhatsAppBusinessProfile: {
    about: 'Fresh cakes every morning',
    websites: ['https://example.com'],
    vertical: 'RESTAURANT',
  },
};
