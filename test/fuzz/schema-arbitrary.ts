/**
 * fast-check arbitraries made from an operation's zod schema (through its JSON Schema, the same one the
 * OpenAPI document shows): values the schema accepts, and values just outside it — one field too long,
 * of the wrong type, one item too many, a key missing or unknown. `edge` is how often a node steps out.
 */
import fc from 'fast-check';
import * as z from 'zod';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any>;

export function jsonSchemaOf(schema: z.core.$ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
}

const DAY = 86_400_000;

/** URLs the guard accepts and refuses, so fields with `format: uri` see both. */
const URLS = [
  'https://cdn.example.com/a.jpg',
  'https://shop.example.com/bread?x=1',
  'http://shop.example.com/',
  'https://169.254.169.254/latest/meta-data/',
  'https://127.0.0.1/',
  'https://0x7f000001/',
  'https://[::1]/',
  'https://user:pw@example.com/',
  'javascript:alert(1)',
  'data:text/html,x',
  'https://localhost/',
  'not a url',
];

/** strings that have broken parsers, keys and stores before */
const NASTY = [
  '',
  ' ',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  'T#victim-co',
  '9'.repeat(400),
];

export interface ArbitraryOptions {
  /** probability weight of stepping outside the schema at each node (0 = always valid) */
  edge: number;
  /** values a string field with this name should sometimes take (known ids, for depth) */
  known?: Record<string, string[]>;
  /** the field's name, for `known` */
  name?: string;
}

export function valueFor(schema: Schema, o: ArbitraryOptions): fc.Arbitrary<Json> {
  const inside = validFor(schema, o);
  if (o.edge <= 0) return inside;
  return fc.oneof(
    { weight: Math.max(1, Math.round((1 - o.edge) * 10)), arbitrary: inside },
    { weight: Math.max(1, Math.round(o.edge * 10)), arbitrary: outsideFor(schema) },
  );
}

function validFor(s: Schema, o: ArbitraryOptions): fc.Arbitrary<Json> {
  if ('const' in s) return fc.constant(s.const as Json);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as Json[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valueFor(a, { ...o, name: o.name })));
  switch (s.type) {
    case 'object':
      return objectFor(s, o);
    case 'array':
      return fc.array(valueFor(s.items ?? {}, { ...o, name: o.name }), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 5, 5),
      });
    case 'string':
      return stringFor(s, o);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  }
}

function stringFor(s: Schema, o: ArbitraryOptions): fc.Arbitrary<Json> {
  const known = o.name ? o.known?.[o.name] : undefined;
  let base: fc.Arbitrary<string>;
  if (s.format === 'uri') base = fc.constantFrom(...URLS);
  else if (s.format === 'date-time' || s.format === 'date') {
    // around now: both sides of every "not in the past / at most N days" bound
    const at = fc.integer({ min: -400, max: 60 }).map((d) => new Date(Date.now() + d * DAY + 120_000));
    base = at.map((d) => (s.format === 'date' ? d.toISOString().slice(0, 10) : d.toISOString()));
  } else if (typeof s.pattern === 'string') base = fc.stringMatching(new RegExp(s.pattern));
  else base = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
  return known && known.length > 0 ? fc.oneof(fc.constantFrom(...known), base) : base;
}

function objectFor(s: Schema, o: ArbitraryOptions): fc.Arbitrary<Json> {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set<string>((s.required as string[] | undefined) ?? []);
  if (Object.keys(props).length === 0 && s.additionalProperties && s.additionalProperties !== false) {
    // a map: keys from propertyNames, values from additionalProperties
    const key = s.propertyNames ? (validFor(s.propertyNames, o) as fc.Arbitrary<string>) : fc.string();
    return fc
      .uniqueArray(fc.tuple(key, valueFor(s.additionalProperties as Schema, o)), {
        maxLength: Math.min(s.maxProperties ?? 5, 5),
        selector: ([k]) => k,
      })
      .map((entries) => Object.fromEntries(entries) as Json);
  }
  const record: Record<string, fc.Arbitrary<Json>> = {};
  for (const [k, v] of Object.entries(props)) record[k] = valueFor(v, { ...o, name: k });
  return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) }) as fc.Arbitrary<Json>;
}

/** One step outside the schema at this node. */
function outsideFor(s: Schema): fc.Arbitrary<Json> {
  const wrongType = fc.constantFrom<Json>(null, 0, -1, 1.5, true, 'x', [], {});
  const options: fc.Arbitrary<Json>[] = [wrongType, fc.constantFrom<Json>(...NASTY)];
  if (s.type === 'string' || s.format) {
    const max = typeof s.maxLength === 'number' ? s.maxLength : 2_048;
    options.push(fc.constant('x'.repeat(Math.min(max + 1, 70_000))));
    options.push(fc.string({ unit: 'binary', maxLength: 30 }));
    if (s.format === 'date' || s.format === 'date-time') {
      options.push(fc.constantFrom<Json>('2026-02-30', '2026-02-30T10:00:00Z', '2025-02-29', '9999-99-99'));
    }
  }
  if (s.type === 'integer' || s.type === 'number') {
    const bounds: Json[] = [1e21, -1e21, 2 ** 53 + 2];
    if (typeof s.maximum === 'number') bounds.push(s.maximum + 1);
    if (typeof s.minimum === 'number') bounds.push(s.minimum - 1);
    options.push(fc.constantFrom(...bounds));
  }
  if (s.type === 'array') {
    const n = Math.min((s.maxItems ?? 10) + 1, 600);
    const item = s.items?.type === 'string' ? 'x' : 0;
    options.push(fc.constant(Array.from({ length: n }, () => item) as Json));
  }
  if (s.type === 'object') {
    options.push(fc.constant({ unexpected: true }));
    const required = (s.required as string[] | undefined) ?? [];
    if (required.length > 0) options.push(fc.constant({}));
  }
  return fc.oneof(...options);
}
