/**
 * The connections' store, for the modules that read connections (their status, tokens and selections)
 * and expire one whose token Meta refused. They read it through their own narrow port; this is the one
 * adapter behind all of them, so the table layout of a connection stays in this module.
 */
export { DynamoConnectionStore } from '../adapters/dynamo-connection-store';
export type { ConnectionStore } from '../ports';
export type { AssetRoute } from './assets';
export type { PageHealth } from '../ports';
