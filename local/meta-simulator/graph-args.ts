/**
 * A Graph call's parameters: the query string and the body (form or JSON) merged, as Meta treats them.
 * Form bodies carry nested values as JSON strings (`filtering=[...]`), JSON bodies carry them as values;
 * the accessors accept both.
 */
import { GraphErrors } from './graph-errors';

export class GraphArgs {
  constructor(private readonly values: Readonly<Record<string, unknown>>) {}

  static merge(query: URLSearchParams, body: Record<string, unknown>): GraphArgs {
    const values: Record<string, unknown> = {};
    for (const [k, v] of query) values[k] = v;
    for (const [k, v] of Object.entries(body)) values[k] = v;
    return new GraphArgs(values);
  }

  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  raw(name: string): unknown {
    return this.values[name];
  }

  str(name: string): string | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  }

  /** a non-negative integer parameter; a malformed value is Meta's (#100) error */
  int(name: string): number | undefined {
    const s = this.str(name);
    if (s === undefined || s === '') return undefined;
    if (!/^\d+$/.test(s)) throw GraphErrors.invalidParameter(`Param ${name} must be a non-negative integer`);
    return Number(s);
  }

  /** comma list or array */
  list(name: string): string[] | undefined {
    const v = this.values[name];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter((x) => x.length > 0);
    const s = this.str(name) ?? '';
    if (s.startsWith('[')) {
      const parsed = this.json(name);
      if (Array.isArray(parsed)) return parsed.map((x) => String(x).trim()).filter((x) => x.length > 0);
    }
    return s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
  }

  /** a JSON-valued parameter; a string is parsed, anything else is taken as already parsed */
  json(name: string): unknown {
    const v = this.values[name];
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      throw GraphErrors.invalidParameter(`param ${name} must be JSON`);
    }
  }

  entries(): Array<[string, unknown]> {
    return Object.entries(this.values);
  }
}
