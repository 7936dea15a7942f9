/**
 * The WhatsApp Business Management calls as Meta answers them: registering a number for Cloud API use
 * with its two-step verification PIN (10 requests per number in 72 hours, error 133016; a PIN other than
 * the number's, 133005), creating message templates with Meta's component rules and deleting them by
 * name, and the number's business profile with its field limits. A control route plays Meta's review: it
 * changes a template's status and sends the `message_template_status_update` webhook.
 * Registration: https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/registration/
 * Templates: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview and
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components/
 * Profile: https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/business-profiles
 * Status webhook: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
 */
import * as z from 'zod';
import { WHATSAPP_CONTRACTS } from './contracts';
import { type ControlContext, ControlError, type ControlRoute, ok, parseInput } from './control-router';
import { GraphError, GraphErrors } from './graph-errors';
import { deliverPayload, type Payload } from './inbox-webhooks';
import { reachableWabaOf } from './messaging-routes';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { requireScope } from './token-auth';
import type { SimBusinessProfile, SimMessageTemplate, World } from './world';

const isPhoneNumber = (p: Record<string, string>, w: World) => w.phoneNumbers.has(p.id ?? '');
const isWaba = (p: Record<string, string>, w: World) => w.wabas.has(p.id ?? '');

const REGISTRATION_WINDOW_S = 72 * 3600;
const REGISTRATION_REQUESTS = 10;

function numberOf(ctx: GraphContext) {
  const number = ctx.world.phoneNumbers.get(ctx.params.id ?? '')!;
  reachableWabaOf(ctx, number.wabaId, number.id);
  requireScope(ctx.auth, 'whatsapp_business_management');
  return number;
}

function registrationOf(ctx: GraphContext, id: string) {
  const r = ctx.world.numberRegistrations.get(id) ?? { registered: false, pin: null, requests: [] };
  r.requests = r.requests.filter((t) => ctx.now - t < REGISTRATION_WINDOW_S);
  if (r.requests.length >= REGISTRATION_REQUESTS)
    throw new GraphError({
      code: 133016,
      message: '(#133016) Account register deregister rate limit exceeded',
      userMsg:
        'Registration or deregistration failed because there were too many attempts for this phone number in a short period of time.',
    });
  r.requests.push(ctx.now);
  ctx.world.numberRegistrations.set(id, r);
  return r;
}

function register(ctx: GraphContext): unknown {
  const number = numberOf(ctx);
  const pin = ctx.args.str('pin') ?? '';
  if (!/^[0-9]{6}$/.test(pin))
    throw GraphErrors.invalidParameter('(#100) Invalid parameter', {
      userTitle: 'Invalid PIN',
      userMsg: 'The two-step verification PIN must be 6 digits.',
    });
  const r = registrationOf(ctx, number.id);
  if (r.pin !== null && r.pin !== pin)
    throw new GraphError({
      code: 133005,
      message: '(#133005) Two step verification PIN Mismatch',
      userMsg: 'The two-step verification PIN is not the one set on this phone number.',
    });
  r.pin = pin;
  r.registered = true;
  return { success: true };
}

function deregister(ctx: GraphContext): unknown {
  const number = numberOf(ctx);
  registrationOf(ctx, number.id).registered = false;
  return { success: true };
}

const invalidTemplate = (title: string, userMsg: string, message = '(#100) Invalid parameter') =>
  GraphErrors.invalidParameter(message, { userTitle: title, userMsg });

const tooLong = (path: string, max: number) =>
  GraphErrors.invalidParameter(`(#100) Param ${path} must be at most ${max} characters long.`);

interface SimComponent {
  type?: unknown;
  format?: unknown;
  text?: unknown;
  example?: Record<string, unknown>;
  buttons?: Array<{
    type?: unknown;
    text?: unknown;
    url?: unknown;
    phone_number?: unknown;
    example?: unknown;
  }>;
}

const variablesOf = (text: string) => [
  ...new Set([...text.matchAll(/\{\{\s*([a-z0-9_]+)\s*\}\}/g)].map((m) => m[1])),
];

/** Meta's component rules at creation, checked independently of what the service sends. */
function checkComponents(components: unknown, category: string): SimComponent[] {
  if (!Array.isArray(components) || components.length === 0)
    throw GraphErrors.invalidParameter('(#100) The parameter components is required');
  const list = components as SimComponent[];
  const bodies = list.filter((c) => String(c.type).toUpperCase() === 'BODY');
  if (bodies.length !== 1)
    throw invalidTemplate('Invalid components', 'A template needs exactly one BODY component.');
  list.forEach((c, i) => {
    const type = String(c.type).toUpperCase();
    const at = `components[${i}]`;
    const text = typeof c.text === 'string' ? c.text : '';
    const vars = variablesOf(text);
    if (type === 'HEADER') {
      const format = String(c.format ?? '').toUpperCase();
      if (!['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'].includes(format))
        throw GraphErrors.invalidParameter(
          `(#100) Param ${at}['format'] must be one of {TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION}`,
        );
      if (format === 'TEXT') {
        if ([...text].length > 60) throw tooLong(`${at}['text']`, 60);
        if (vars.length > 1)
          throw invalidTemplate('Too many variables', 'A header takes at most one variable.');
        const ex = c.example?.header_text ?? c.example?.header_text_named_params;
        if (vars.length === 1 && !(Array.isArray(ex) && ex.length > 0))
          throw invalidTemplate(
            'Missing sample values',
            'Variables in the header need sample values (example.header_text).',
          );
      } else if (format !== 'LOCATION' && !Array.isArray(c.example?.header_handle))
        throw invalidTemplate('Missing media sample', `A ${format} header needs an example header_handle.`);
    } else if (type === 'BODY') {
      if (!text && category !== 'AUTHENTICATION')
        throw GraphErrors.invalidParameter(`(#100) The parameter ${at}['text'] is required`);
      if ([...text].length > 1024) throw tooLong(`${at}['text']`, 1024);
      if (vars.length > 0) {
        const positional = c.example?.body_text;
        const named = c.example?.body_text_named_params;
        const given = Array.isArray(positional)
          ? (Array.isArray(positional[0]) ? (positional[0] as unknown[]) : []).length
          : Array.isArray(named)
            ? named.length
            : 0;
        if (given < vars.length)
          throw invalidTemplate(
            'Missing sample values',
            `The body has ${vars.length} variable(s) but ${given} sample value(s) (example.body_text).`,
          );
      }
    } else if (type === 'FOOTER') {
      if ([...text].length > 60) throw tooLong(`${at}['text']`, 60);
      if (vars.length > 0) throw invalidTemplate('Invalid footer', 'A footer takes no variables.');
    } else if (type === 'BUTTONS') {
      const buttons = Array.isArray(c.buttons) ? c.buttons : [];
      if (buttons.length === 0 || buttons.length > 10)
        throw invalidTemplate('Invalid buttons', 'A BUTTONS component has 1 to 10 buttons.');
      const count = (t: string) => buttons.filter((b) => String(b.type).toUpperCase() === t).length;
      if (count('URL') > 2 || count('PHONE_NUMBER') > 1)
        throw invalidTemplate('Too many buttons', 'At most 2 URL buttons and 1 phone-number button.');
      buttons.forEach((b, j) => {
        if (typeof b.text === 'string' && [...b.text].length > 25)
          throw tooLong(`${at}['buttons'][${j}]['text']`, 25);
        if (String(b.type).toUpperCase() === 'URL') {
          const url = typeof b.url === 'string' ? b.url : '';
          if (url.length > 2000) throw tooLong(`${at}['buttons'][${j}]['url']`, 2000);
          if (variablesOf(url).length > 0 && !(Array.isArray(b.example) && b.example.length > 0))
            throw invalidTemplate('Missing sample values', 'A URL variable needs a sample URL (example).');
        }
      });
    } else {
      throw GraphErrors.invalidParameter(
        `(#100) Param ${at}['type'] must be one of {HEADER, BODY, FOOTER, BUTTONS}`,
      );
    }
  });
  return list;
}

function createTemplate(ctx: GraphContext): unknown {
  const waba = reachableWabaOf(ctx, ctx.params.id ?? '', ctx.params.id ?? '');
  requireScope(ctx.auth, 'whatsapp_business_management');
  const name = ctx.args.str('name') ?? '';
  const language = ctx.args.str('language') ?? '';
  const category = ctx.args.str('category') as SimMessageTemplate['category'];
  if (!/^[a-z0-9_]+$/.test(name) || name.length > 512)
    throw invalidTemplate(
      'Invalid template name',
      'Template names use lower-case letters, digits and underscores only, at most 512 characters.',
    );
  if (!/^[a-z]{2,3}(_[A-Z]{2,3})?$/.test(language))
    throw invalidTemplate('Invalid language', `${language} is not a supported language code.`);
  const components = checkComponents(ctx.args.json('components'), category);
  if (
    ctx.world.messageTemplates.some((t) => t.wabaId === waba.id && t.name === name && t.language === language)
  )
    throw GraphErrors.invalidParameter('(#100) Invalid parameter', {
      subcode: 2388024,
      userTitle: 'Content in this language already exists',
      userMsg: `A template named ${name} already exists in ${language}. Choose another name or language.`,
    });
  const body = components.find((c) => String(c.type).toUpperCase() === 'BODY');
  const template: SimMessageTemplate = {
    id: ctx.world.newId(16, '12'),
    wabaId: waba.id,
    name,
    language,
    status: 'PENDING',
    category,
    bodyText: typeof body?.text === 'string' ? body.text : '',
    components,
  };
  ctx.world.messageTemplates.push(template);
  return { id: template.id, status: template.status, category: template.category };
}

function deleteTemplate(ctx: GraphContext): unknown {
  const waba = reachableWabaOf(ctx, ctx.params.id ?? '', ctx.params.id ?? '');
  requireScope(ctx.auth, 'whatsapp_business_management');
  const name = ctx.args.str('name') ?? '';
  const hsmId = ctx.args.str('hsm_id');
  const doomed = (t: SimMessageTemplate) =>
    t.wabaId === waba.id && t.name === name && (!hsmId || t.id === hsmId);
  if (!ctx.world.messageTemplates.some(doomed))
    throw invalidTemplate('Message template not found', `There is no template named ${name} to delete.`);
  const keep = ctx.world.messageTemplates.filter((t) => !doomed(t));
  ctx.world.messageTemplates.splice(0, ctx.world.messageTemplates.length, ...keep);
  return { success: true };
}

const PROFILE_FIELDS = [
  'about',
  'address',
  'description',
  'email',
  'profile_picture_url',
  'websites',
  'vertical',
];

function readProfile(ctx: GraphContext): unknown {
  const number = numberOf(ctx);
  const profile = ctx.world.businessProfiles.get(number.id) ?? {};
  const wanted = ctx.args.list('fields') ?? PROFILE_FIELDS;
  for (const f of wanted)
    if (!PROFILE_FIELDS.includes(f)) throw GraphErrors.nonexistingField(f, 'WhatsAppBusinessProfile');
  const picked = Object.fromEntries(
    wanted
      .filter((f) => profile[f as keyof SimBusinessProfile] !== undefined)
      .map((f) => [f, profile[f as keyof SimBusinessProfile]]),
  );
  return { data: [{ ...picked, messaging_product: 'whatsapp' }] };
}

const VERTICALS = WHATSAPP_CONTRACTS.updateBusinessProfile.params?.vertical?.oneOf ?? [];

function updateProfile(ctx: GraphContext): unknown {
  const number = numberOf(ctx);
  const next: SimBusinessProfile = { ...(ctx.world.businessProfiles.get(number.id) ?? {}) };
  const text = (name: 'about' | 'address' | 'description' | 'email', min: number, max: number) => {
    const v = ctx.args.str(name);
    if (v === undefined) return;
    if ([...v].length < min)
      throw GraphErrors.invalidParameter(`(#100) Param ${name} must be at least ${min} characters long.`);
    if ([...v].length > max) throw tooLong(name, max);
    next[name] = v;
  };
  text('about', 1, 139);
  text('address', 0, 256);
  text('description', 0, 512);
  text('email', 0, 128);
  if (next.email !== undefined && ctx.args.has('email') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(next.email))
    throw GraphErrors.invalidParameter('(#100) Param email is not a valid email address.');
  if (ctx.args.has('websites')) {
    const sites = ctx.args.json('websites');
    if (!Array.isArray(sites) || sites.some((s) => typeof s !== 'string'))
      throw GraphErrors.invalidParameter('(#100) Param websites must be an array of strings.');
    if (sites.length > 2)
      throw GraphErrors.invalidParameter('(#100) Param websites must have at most 2 elements.');
    for (const s of sites as string[]) {
      if (s.length > 256) throw tooLong('websites', 256);
      if (!/^https?:\/\//.test(s))
        throw GraphErrors.invalidParameter('(#100) Param websites must start with http:// or https://.');
    }
    next.websites = sites as string[];
  }
  const vertical = ctx.args.str('vertical');
  if (vertical !== undefined) {
    if (!VERTICALS.includes(vertical))
      throw GraphErrors.invalidParameter(`(#100) Param vertical must be one of {${VERTICALS.join(', ')}}`);
    next.vertical = vertical;
  }
  ctx.world.businessProfiles.set(number.id, next);
  return { success: true };
}

export function registerWhatsAppManagementRoutes(r: GraphRouteRegistry): void {
  r.on(WHATSAPP_CONTRACTS.register, register, isPhoneNumber)
    .on(WHATSAPP_CONTRACTS.deregister, deregister, isPhoneNumber)
    .on(WHATSAPP_CONTRACTS.createTemplate, createTemplate, isWaba)
    .on(WHATSAPP_CONTRACTS.deleteTemplate, deleteTemplate, isWaba)
    .on(WHATSAPP_CONTRACTS.businessProfile, readProfile, isPhoneNumber)
    .on(WHATSAPP_CONTRACTS.updateBusinessProfile, updateProfile, isPhoneNumber);
}

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const Review = z.object({
  wabaId: id.optional(),
  name: z.string().min(1),
  language: z.string().min(2),
  event: z.enum(['APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'PENDING_DELETION', 'ARCHIVED', 'REINSTATED']),
  reason: z.string().default('NONE'),
  deliver: z.boolean().default(true),
});

/** Meta's review of a template: its new status, and the webhook that says so. */
async function review(c: ControlContext) {
  const input = parseInput(Review, c.body);
  const w = c.core.world;
  const wabaId = input.wabaId ?? [...w.wabas.keys()][0] ?? '';
  const t = w.messageTemplates.find(
    (x) => x.wabaId === wabaId && x.name === input.name && x.language === input.language,
  );
  if (!t) throw new ControlError(404, 'unknown_template', `no template ${input.name} (${input.language})`);
  if (input.event !== 'PENDING_DELETION' && input.event !== 'ARCHIVED')
    t.status = input.event === 'REINSTATED' ? 'APPROVED' : input.event;
  t.rejectedReason = input.event === 'REJECTED' ? input.reason : undefined;
  const payload: Payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        time: c.core.now(),
        changes: [
          {
            field: 'message_template_status_update',
            value: {
              event: input.event,
              message_template_id: Number(t.id),
              message_template_name: t.name,
              message_template_language: t.language,
              reason: input.reason,
              message_template_category: t.category,
            },
          },
        ],
      },
    ],
  };
  if (!input.deliver) return ok({ webhook: payload, deliveryStatus: null });
  const result = await deliverPayload(c.core, payload);
  return ok({ webhook: payload, deliveryStatus: result.status });
}

export const whatsappControlRoutes: ControlRoute[] = [
  { method: 'POST', pattern: '/whatsapp/templates/review', handle: review },
];
