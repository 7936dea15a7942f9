/**
 * Route selection as API Gateway HTTP APIs do it, for the route table's `{param}` templates (and greedy
 * `{param+}`): the most specific route wins (a literal segment beats a parameter, a parameter beats a
 * greedy one). A path that matches only with another method is reported so the server can answer 405.
 */
import type { RouteSpec } from '../../lambdas/app/route-table';

export interface RouteMatch<R extends Pick<RouteSpec, 'method' | 'path'>> {
  route: R;
  pathParameters: Record<string, string>;
}

export type MatchResult<R extends Pick<RouteSpec, 'method' | 'path'>> =
  | { kind: 'match'; match: RouteMatch<R> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

type Segment =
  { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface Compiled<R> {
  route: R;
  segments: Segment[];
}

export interface RouteMatcher<R extends Pick<RouteSpec, 'method' | 'path'>> {
  match(method: string, path: string): MatchResult<R>;
}

export function createRouteMatcher<R extends Pick<RouteSpec, 'method' | 'path'>>(
  routes: readonly R[],
): RouteMatcher<R> {
  const compiled: Compiled<R>[] = routes.map((route) => ({ route, segments: compile(route.path) }));
  return {
    match(method, path) {
      const parts = splitPath(path);
      const candidates: Array<{ c: Compiled<R>; params: Record<string, string> }> = [];
      for (const c of compiled) {
        const params = matchSegments(c.segments, parts);
        if (params) candidates.push({ c, params });
      }
      if (candidates.length === 0) return { kind: 'not-found' };
      const sameMethod = candidates.filter((x) => x.c.route.method === method.toUpperCase());
      if (sameMethod.length === 0) {
        return {
          kind: 'method-not-allowed',
          allowed: [...new Set(candidates.map((x) => x.c.route.method))].sort(),
        };
      }
      sameMethod.sort((a, b) => compareSpecificity(a.c.segments, b.c.segments));
      const best = sameMethod[0]!;
      return { kind: 'match', match: { route: best.c.route, pathParameters: best.params } };
    },
  };
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

function compile(template: string): Segment[] {
  return splitPath(template).map((part): Segment => {
    const m = /^\{([A-Za-z0-9_.-]+)(\+)?\}$/.exec(part);
    if (!m) return { kind: 'literal', value: part };
    return m[2] ? { kind: 'greedy', name: m[1]! } : { kind: 'param', name: m[1]! };
  });
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.kind === 'greedy') {
      const rest = parts.slice(i).join('/');
      if (rest === '') return null;
      params[seg.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (seg.kind === 'literal') {
      if (seg.value !== part) return null;
    } else {
      if (part === '') return null;
      params[seg.name] = part;
    }
  }
  return parts.length === segments.length ? params : null;
}

const rank = (s: Segment | undefined) =>
  s === undefined ? 3 : s.kind === 'literal' ? 0 : s.kind === 'param' ? 1 : 2;

function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = rank(a[i]) - rank(b[i]);
    if (d !== 0) return d;
  }
  return 0;
}
