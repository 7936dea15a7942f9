/**
 * Reads a call the way Meta does for its endpoint and refuses what Meta refuses: parameters only from
 * where the encoding says (a DELETE's body is not read, a WhatsApp send must be JSON), required and
 * forbidden parameters, retired and unknown values, and the endpoint's rules across parameters. Errors
 * are Meta's shape: code 100, with `error_user_title` / `error_user_msg` where Meta gives them.
 */
import { GraphArgs } from '../graph-args';
import { GraphError, GraphErrors } from '../graph-errors';
import type { EndpointContract, ParamSpec } from './contract-types';

export type BodyKind = 'none' | 'form' | 'json' | 'other';

export interface RawCall {
  query: URLSearchParams;
  body: Record<string, unknown>;
  bodyKind: BodyKind;
}

/** Meta reads these on every endpoint, whatever the contract lists. */
const ALWAYS = new Set(['access_token', 'appsecret_proof', 'suppress_http_code', 'pretty']);

/** The parameters Meta reads for this endpoint; throws Meta's error when the call cannot be read. */
export function readArgs(c: EndpointContract, call: RawCall): GraphArgs {
  switch (c.encoding) {
    case 'query':
      // Meta reads a GET's and a DELETE's parameters from the query string; a body is not looked at
      return GraphArgs.merge(call.query, {});
    case 'json':
      if (call.bodyKind === 'form' || call.bodyKind === 'other')
        throw GraphErrors.invalidParameter(
          `(#100) ${c.method} ${c.path} takes an application/json body; the parameters were not readable`,
        );
      return GraphArgs.merge(call.query, call.body);
    case 'form':
      return GraphArgs.merge(call.query, call.body);
  }
}

/** Null when the call keeps the contract; else the error Meta answers. */
export function checkArgs(c: EndpointContract, args: GraphArgs): GraphError | null {
  for (const [name, why] of Object.entries(c.forbidden ?? {})) {
    if (args.has(name)) return GraphErrors.invalidParameter(`(#100) Param ${name} is not allowed: ${why}`);
  }
  for (const [name, spec] of Object.entries(c.params ?? {})) {
    if (ALWAYS.has(name)) continue;
    const problem = checkParam(name, spec, args);
    if (problem) return problem;
  }
  for (const rule of c.rules ?? []) {
    const init = rule.check(args);
    if (init) return new GraphError(init);
  }
  return null;
}

function checkParam(name: string, spec: ParamSpec, args: GraphArgs): GraphError | null {
  if (!args.has(name) || args.str(name) === '') {
    if (!spec.required) return null;
    return spec.missing
      ? new GraphError(spec.missing)
      : GraphErrors.invalidParameter(`(#100) The parameter ${name} is required`);
  }
  if (spec.type === 'json') args.json(name);
  if (spec.type === 'int') args.int(name);
  if (spec.type === 'bool' && !['true', 'false', '0', '1'].includes(args.str(name) ?? ''))
    return GraphErrors.invalidParameter(`(#100) Param ${name} must be a boolean`);
  const values = spec.type === 'list' || spec.retired ? (args.list(name) ?? []) : [args.str(name) ?? ''];
  for (const [i, value] of values.entries()) {
    const replacement = spec.retired?.[value];
    if (replacement)
      return GraphErrors.invalidParameter(`(#100) Param ${name}[${i}] is no longer supported: ${value}`, {
        userTitle: 'Value no longer supported',
        userMsg: `${value} was retired; use ${replacement} instead.`,
      });
    if (spec.oneOf && !spec.oneOf.includes(value))
      return GraphErrors.invalidParameter(
        `(#100) Param ${name}${values.length > 1 || spec.type === 'list' ? `[${i}]` : ''} must be one of {${spec.oneOf.join(', ')}}`,
      );
  }
  return null;
}
