import type { TokenVault } from '../../../platform/core/ports';
import type { MetaPageWithToken } from '../ports';
import type { PageTokenRecord } from '../contracts/connection';

/** The Page tokens Meta returned, encrypted under the connection's context, ready to store. */
export async function encryptPageTokens(
  vault: TokenVault,
  ctx: { tenantId: string; connectionId: string },
  pages: MetaPageWithToken[],
): Promise<PageTokenRecord[]> {
  const out: PageTokenRecord[] = [];
  for (const p of pages) {
    if (!p.accessToken) continue;
    // a Page token derived from a long-lived user token does not expire
    out.push({ pageId: p.id, ciphertext: await vault.encrypt(p.accessToken, ctx), tokenExpiresAt: null });
  }
  return out;
}
