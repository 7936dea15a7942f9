/**
 * The shape of the Meta contract reference: for every endpoint the service calls, what Meta accepts —
 * method, path, token, where parameters travel, which are required or forbidden, which values Meta
 * refuses — and the Meta page it comes from. The simulator routes each call through its contract
 * (contract-check.ts) and refuses a mismatch with Meta's error shape; `docs/meta-contracts.md` is generated
 * from the same data. Adding an endpoint: describe it in the surface's file, then register its route with
 * `r.on(CONTRACT, handler, guard)`.
 */
import type { GraphErrorInit } from '../graph-errors';

export type Surface =
  'graph' | 'pages' | 'instagram' | 'messenger' | 'whatsapp' | 'marketing' | 'conversions';

export const SURFACE_TITLES: Record<Surface, string> = {
  graph: 'Graph API, Facebook Login and Business Manager',
  pages: 'Pages',
  instagram: 'Instagram (Instagram API with Facebook Login)',
  messenger: 'Messenger Platform (Messenger and Instagram messaging through the Page)',
  whatsapp: 'WhatsApp Cloud API',
  marketing: 'Marketing API and Lead Ads',
  conversions: 'Conversions API',
};

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** `none`: no token at all (the code exchange carries the app secret instead). */
export type TokenKind = 'none' | 'app' | 'user' | 'page';

/**
 * Where Meta reads the parameters (the token and `appsecret_proof` included):
 * - `query`: the query string only; a body is not read (GET, and DELETE as Meta's SDKs send it)
 * - `form`: an `application/x-www-form-urlencoded` body or the query string; nested values are JSON strings
 * - `json`: an `application/json` body (credentials may also be in the query string); a form body is refused
 */
export type Encoding = 'query' | 'form' | 'json';

/** One parameter, as Meta documents it. */
export interface ParamSpec {
  required?: boolean;
  /** Meta's own error when a required parameter is missing, where it gives a specific one */
  missing?: GraphErrorInit;
  /** how the value is written: `json` values are JSON (a string in a form body, a value in a JSON body) */
  type?: 'string' | 'int' | 'bool' | 'json' | 'list';
  /** the only values Meta accepts (each element, for a list) */
  oneOf?: readonly string[];
  /** values Meta retired, each with what replaced it: a call using one is refused, naming the replacement */
  retired?: Readonly<Record<string, string>>;
  /** for the generated reference */
  note?: string;
}

/** A parameter as the contract check sees it: already read from where the encoding says. */
export interface ContractArgs {
  has(name: string): boolean;
  str(name: string): string | undefined;
  /** a JSON-valued parameter, parsed (undefined when absent; throws Meta's error when malformed) */
  json(name: string): unknown;
  list(name: string): string[] | undefined;
}

/** A rule across parameters (e.g. "an ad set reaching the EU names its beneficiary"). */
export interface ContractRule {
  /** stable name, shown in the reference and the call log */
  id: string;
  /** what Meta requires, in words, for the reference */
  says: string;
  /** the Meta page the rule comes from, when it is not the endpoint's own */
  doc?: string;
  /** null when the call keeps the rule; else the error Meta answers */
  check: (args: ContractArgs) => GraphErrorInit | null;
}

export interface EndpointContract {
  /** stable id, e.g. `pages.subscribed_apps.create` */
  id: string;
  surface: Surface;
  method: HttpMethod;
  /** as Meta writes it, e.g. `/{page-id}/subscribed_apps` */
  path: string;
  /** the route pattern: `:id` captures one segment */
  pattern: string;
  /** what the id names (Meta's node type), for the reference */
  node?: string;
  tokens: readonly TokenKind[];
  /** the permissions Meta asks for, in words (the simulator's route enforces them) */
  permissions?: string;
  encoding: Encoding;
  params?: Readonly<Record<string, ParamSpec>>;
  /** parameters Meta refuses on this endpoint, each with why */
  forbidden?: Readonly<Record<string, string>>;
  rules?: readonly ContractRule[];
  /** the Meta page this contract is written from */
  doc: string;
  notes?: string;
}

export function contract(c: EndpointContract): EndpointContract {
  return c;
}
