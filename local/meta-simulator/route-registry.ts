/**
 * The one table of Graph routes. Each route file registers an endpoint of the contract reference with its
 * handler (`r.on(CONTRACT, handler, guard)`): the contract gives the method, the path pattern, the tokens
 * it takes and how its parameters are read, so no route can exist without one. The pipeline
 * (graph-pipeline.ts) matches, authenticates, checks the call against the contract and answers. Generic
 * node paths (`/:id`, `/:id/leads`) are shared by several object types, so a route adds a `when` guard
 * that checks the id's type in the world; the first route whose pattern and guard match wins.
 */
import type { EndpointContract, HttpMethod } from './contracts/contract-types';
import type { GraphArgs } from './graph-args';
import type { SimulatorCore } from './simulator-core';
import type { Auth } from './token-auth';
import type { World } from './world';

export type { HttpMethod };

export interface GraphContext {
  core: SimulatorCore;
  world: World;
  /** Unix seconds on the simulator's clock */
  now: number;
  method: HttpMethod;
  /** path without version prefix, with `me` replaced by the token's user or Page id */
  path: string;
  params: Record<string, string>;
  args: GraphArgs;
  /** the validated token; null only on `none` routes */
  auth: Auth | null;
  /** what paging links are built from */
  link: { origin: string; versionPrefix: string; rawPath: string; query: URLSearchParams };
}

export interface GraphRoute {
  /** method, pattern (`:id` captures one segment), accepted tokens and parameter rules */
  contract: EndpointContract;
  when?: (params: Record<string, string>, world: World) => boolean;
  /** returns the JSON body of a 200 answer; throws GraphError for Meta errors */
  handle: (ctx: GraphContext) => unknown;
}

export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as string;
    const x = xs[i] as string;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(x);
    else if (p !== x) return null;
  }
  return params;
}

export interface RouteMatch {
  route: GraphRoute;
  params: Record<string, string>;
}

export class GraphRouteRegistry {
  private readonly routes: GraphRoute[] = [];

  add(route: GraphRoute): this {
    this.routes.push(route);
    return this;
  }

  on(contract: EndpointContract, handle: GraphRoute['handle'], when?: GraphRoute['when']): this {
    return this.add({ contract, handle, ...(when ? { when } : {}) });
  }

  /** every contract a route serves, for the coverage checks */
  contracts(): EndpointContract[] {
    return [...new Set(this.routes.map((r) => r.contract))];
  }

  match(method: HttpMethod, path: string, world: World): RouteMatch | null {
    for (const route of this.routes) {
      if (route.contract.method !== method) continue;
      const params = matchPattern(route.contract.pattern, path);
      if (!params) continue;
      if (route.when && !route.when(params, world)) continue;
      return { route, params };
    }
    return null;
  }
}
