/** Instagram professional accounts reached through their linked Page (Facebook-Login flavour). */
import { GraphErrors } from './graph-errors';
import { type NodeSpec, renderNode } from './fields';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import type { SimInstagramAccount } from './world';
import { INSTAGRAM_CONTRACTS } from './contracts';

export const INSTAGRAM_ACCOUNT_SPEC: NodeSpec<SimInstagramAccount> = {
  type: 'IGUser',
  defaultFields: ['id'],
  fields: {
    id: (a) => a.id,
    ig_id: (a) => Number(a.id.slice(-10)),
    username: (a) => a.username,
    name: (a) => a.name,
    biography: (a) => `${a.name} on Instagram (simulated).`,
    website: () => 'https://example.com',
    profile_picture_url: (a) => `https://example.com/ig/${a.username}.jpg`,
    followers_count: (a) => a.followersCount,
    follows_count: () => 12,
    media_count: (a) => a.mediaCount,
  },
};

/** the account is reached through its Page: its Page token or a user token of someone on that Page */
export function reachableInstagramAccount(ctx: GraphContext, id: string): SimInstagramAccount {
  const account = ctx.world.instagramAccounts.get(id);
  if (!account || !canReachPage(ctx.world, ctx.auth, account.pageId))
    throw GraphErrors.unsupported(ctx.method, id);
  return account;
}

function getAccount(ctx: GraphContext): unknown {
  const account = reachableInstagramAccount(ctx, ctx.params.id ?? '');
  requireScope(ctx.auth, 'instagram_basic');
  return renderNode(INSTAGRAM_ACCOUNT_SPEC, account, ctx);
}

export function registerInstagramRoutes(r: GraphRouteRegistry): void {
  r.on(INSTAGRAM_CONTRACTS.account, getAccount, (p, w) => w.instagramAccounts.has(p.id ?? ''));
}
