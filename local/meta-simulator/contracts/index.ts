/**
 * The Meta contract reference: every endpoint the service calls, one file per Meta surface. The
 * simulator serves each route through its contract; `npm run docs:meta-contracts` writes
 * docs/meta-contracts.md from the same list.
 */
import type { EndpointContract } from './contract-types';
import { CONVERSIONS_CONTRACTS } from './conversions';
import { GRAPH_CONTRACTS } from './graph-oauth';
import { INSTAGRAM_CONTRACTS } from './instagram';
import { MARKETING_CONTRACTS } from './marketing';
import { MESSENGER_CONTRACTS } from './messenger';
import { PAGE_CONTRACTS } from './pages';
import { WHATSAPP_CONTRACTS } from './whatsapp';

export { CONVERSIONS_CONTRACTS, GRAPH_CONTRACTS, INSTAGRAM_CONTRACTS, MARKETING_CONTRACTS };
export { MESSENGER_CONTRACTS, PAGE_CONTRACTS, WHATSAPP_CONTRACTS };
export * from './contract-types';

export const ALL_CONTRACTS: readonly EndpointContract[] = [
  ...Object.values(GRAPH_CONTRACTS),
  ...Object.values(PAGE_CONTRACTS),
  ...Object.values(INSTAGRAM_CONTRACTS),
  ...Object.values(MESSENGER_CONTRACTS),
  ...Object.values(WHATSAPP_CONTRACTS),
  ...Object.values(MARKETING_CONTRACTS),
  ...Object.values(CONVERSIONS_CONTRACTS),
];
