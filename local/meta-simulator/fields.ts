/**
 * `fields=` selection. Each object type declares the fields it knows (with Meta's names) and those Meta
 * returns when no `fields` is given. An unknown field is Meta's `(#100) Tried accessing nonexisting field`:
 * that catches a typo in the service the way Meta would. Field expansion `a{b,c}` picks keys of nested
 * objects and lists; modifiers such as `.limit(0).summary(total_count)` or `.metric(a,b)` are kept in
 * `mods` for the resolvers that honour them (https://developers.facebook.com/docs/graph-api/field-expansion)
 * and ignored by the others.
 */
import { GraphErrors } from './graph-errors';
import type { GraphContext } from './route-registry';

export interface FieldSelection {
  name: string;
  sub: FieldSelection[] | null;
  /** modifiers by name: `insights.metric(a,b)` → `{metric: 'a,b'}` */
  mods?: Record<string, string>;
}

/** `reactions.limit(0).summary(total_count)` → name `reactions`, mods `{limit: '0', summary: 'total_count'}` */
function splitModifiers(raw: string): { name: string; mods?: Record<string, string> } {
  const name = raw.replace(/\..*$/s, '').trim();
  const mods: Record<string, string> = {};
  for (const m of raw.matchAll(/\.(\w+)\(([^()]*)\)/g)) mods[m[1]!] = m[2]!.trim();
  return Object.keys(mods).length > 0 ? { name, mods } : { name };
}

export function parseFields(param: string | undefined): FieldSelection[] | null {
  if (param === undefined || param.trim() === '') return null;
  let i = 0;
  const parseList = (): FieldSelection[] => {
    const out: FieldSelection[] = [];
    let name = '';
    let sub: FieldSelection[] | null = null;
    let parenDepth = 0;
    const flush = () => {
      const { name: clean, mods } = splitModifiers(name);
      if (clean) out.push({ name: clean, sub, ...(mods ? { mods } : {}) });
      name = '';
      sub = null;
    };
    while (i < param.length) {
      const c = param[i++] as string;
      if (parenDepth > 0) {
        if (c === '(') parenDepth++;
        else if (c === ')') parenDepth--;
        name += c;
        continue;
      }
      if (c === '(') {
        parenDepth++;
        name += c;
      } else if (c === '{') sub = parseList();
      else if (c === '}') break;
      else if (c === ',') flush();
      else name += c;
    }
    flush();
    return out;
  };
  return parseList();
}

export interface NodeSpec<T> {
  /** Meta's node type name, used in its error messages: `Page`, `User`, `LeadgenForm`... */
  type: string;
  /** what Meta returns without `fields` */
  defaultFields: readonly string[];
  /**
   * every field the simulator knows; a resolver returning undefined omits the field, as Meta omits empty
   * ones. `sel` is the field as asked for, with its modifiers.
   */
  fields: Readonly<Record<string, (obj: T, ctx: GraphContext, sel: FieldSelection) => unknown>>;
}

function pick(value: unknown, sub: FieldSelection[]): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, sub));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if (Array.isArray(obj.data)) return { ...obj, data: obj.data.map((v) => pick(v, sub)) };
  const out: Record<string, unknown> = {};
  for (const f of sub) {
    if (obj[f.name] !== undefined) out[f.name] = f.sub ? pick(obj[f.name], f.sub) : obj[f.name];
  }
  if (obj.id !== undefined && out.id === undefined) out.id = obj.id;
  return out;
}

export function renderNode<T>(
  spec: NodeSpec<T>,
  obj: T,
  ctx: GraphContext,
  selection: FieldSelection[] | null = parseFields(ctx.args.str('fields')),
): Record<string, unknown> {
  const wanted = selection ?? spec.defaultFields.map((name) => ({ name, sub: null }));
  const out: Record<string, unknown> = {};
  for (const f of wanted) {
    const resolver = spec.fields[f.name];
    if (!resolver) throw GraphErrors.nonexistingField(f.name, spec.type);
    const value = resolver(obj, ctx, f);
    if (value !== undefined) out[f.name] = f.sub ? pick(value, f.sub) : value;
  }
  // Meta always answers with the id, asked for or not
  if (out.id === undefined && spec.fields.id) {
    const id = spec.fields.id(obj, ctx, { name: 'id', sub: null });
    if (id !== undefined) return { ...out, id };
  }
  return out;
}
