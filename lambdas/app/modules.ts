/**
 * The modules of lambdas/modules, one line each. The route table, the topology and the OpenAPI document
 * compose every module's declaration (module.ts) with the entries of what has not moved yet.
 */
import type { ModuleDeclaration } from '../platform/contracts/module';
import { ADS_MODULE } from '../modules/ads/module';
import { CONNECTIONS_MODULE } from '../modules/connections/module';
import { CONTENT_MODULE } from '../modules/content/module';
import { INBOX_MODULE } from '../modules/inbox/module';
import { INSIGHTS_MODULE } from '../modules/insights/module';
import { LEADS_MODULE } from '../modules/leads/module';
import { PRIVACY_MODULE } from '../modules/privacy/module';
import { PUBLISHING_MODULE } from '../modules/publishing/module';
import { WEBHOOKS_MODULE } from '../modules/webhooks/module';
import { WHATSAPP_MODULE } from '../modules/whatsapp/module';

export const MODULES = [
  LEADS_MODULE,
  WEBHOOKS_MODULE,
  PUBLISHING_MODULE,
  ADS_MODULE,
  INBOX_MODULE,
  CONTENT_MODULE,
  INSIGHTS_MODULE,
  WHATSAPP_MODULE,
  CONNECTIONS_MODULE,
  PRIVACY_MODULE,
] as const;

type FunctionsOf<M> = M extends { http?: { functions: infer R } } ? keyof R & string : never;

/** The HTTP function names the modules declare. */
export type ModuleFunctionName = FunctionsOf<(typeof MODULES)[number]>;

/** Every module's entries of one kind, in module order. */
export const fromModules = <T>(
  pick: (m: ModuleDeclaration<ModuleFunctionName>) => readonly T[] | undefined,
): T[] => MODULES.flatMap((m) => [...(pick(m as ModuleDeclaration<ModuleFunctionName>) ?? [])]);

/** Every module's records of one kind, merged. */
export const mergedFromModules = <T>(
  pick: (m: ModuleDeclaration<ModuleFunctionName>) => Readonly<Record<string, T>> | undefined,
): Record<string, T> =>
  Object.assign({}, ...MODULES.map((m) => pick(m as ModuleDeclaration<ModuleFunctionName>) ?? {}));
