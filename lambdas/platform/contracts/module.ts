/**
 * What a module declares to the registries in lambdas/app: its HTTP functions and routes (with their
 * OpenAPI operations), its queues, the bus rules that feed them, and its schedules. Each registry composes
 * every module's declaration (lambdas/app/modules.ts lists the modules, one line each), so moving a module
 * in touches its own folder and that one line. Pure data: the CDK stack reads it, so handler modules are
 * named by their path, and a declaration imports nothing but contracts.
 */
import type * as z from './zod';
import type { OperationSchemas } from './http-schemas';
import type { HttpFunctionSpec, IdempotentCreate, RouteSpec } from './routes';
import type { BusRuleSpec, QueueSpec, ScheduleSpec } from './topology';

export interface ModuleHttp<F extends string> {
  /** function name → its handler module and what it does */
  functions: Readonly<Record<F, HttpFunctionSpec>>;
  routes: readonly RouteSpec<F>[];
  /** operationId → how a create that honours `Idempotency-Key` keeps its answer */
  idempotentCreates?: Readonly<Record<string, IdempotentCreate>>;
  /** operationId → the zod schemas the handler parses with and the OpenAPI document is made of */
  operations: Readonly<Record<string, OperationSchemas>>;
  /** stable component names of request schemas in the OpenAPI document */
  schemaNames?: Readonly<Record<string, z.ZodMiniType>>;
  /** operationId → an example request body (a test parses each with its schema) */
  examples?: Readonly<Record<string, unknown>>;
  /** the OpenAPI tag the module's routes go under (lambdas/app/openapi OPENAPI_TAGS describes it) */
  tag: string;
}

export interface ModuleDeclaration<F extends string = string> {
  name: string;
  http?: ModuleHttp<F>;
  queues?: readonly QueueSpec[];
  busRules?: readonly BusRuleSpec[];
  schedules?: readonly ScheduleSpec[];
}

/** Keeps the function names' literal types, so the route table and lib/function-needs.ts can check them. */
export function defineModule<const F extends string>(
  declaration: ModuleDeclaration<F>,
): ModuleDeclaration<F> {
  return declaration;
}
