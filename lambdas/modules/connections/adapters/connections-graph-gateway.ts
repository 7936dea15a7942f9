/**
 * The connections module's slice of the Graph API over the shared Graph client: the OAuth code and
 * long-lived token exchanges, `debug_token`, the person's assets (Pages with their tokens, businesses, ad
 * accounts, Instagram accounts, lead forms, WhatsApp numbers), the app's webhook subscription on a Page,
 * and the revocation of the grant. Paths, fields and Meta's answer shapes live here.
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 * https://developers.facebook.com/docs/graph-api/reference/debug_token
 * https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps/
 */
import * as z from '../../../platform/contracts/zod';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { readAllPages } from '../../../platform/adapters/graph/graph-pages';
import type {
  ConnectionsGraph,
  MetaAdAccount,
  MetaBusinessPage,
  MetaLeadForm,
  MetaPageWithToken,
  MetaWhatsAppNumber,
  TokenGrant,
  TokenInfo,
} from '../ports';
import {
  AdAccountItem,
  BusinessItem,
  DebugTokenResponse,
  InstagramAccount,
  LeadFormItem,
  MeResponse,
  PageItem,
  PhoneNumberItem,
  SubscribedAppItem,
  SuccessResponse,
  TokenResponse,
  WabaItem,
} from './graph-answers';

export interface ConnectionsGraphOptions {
  /** async: in AWS the app id comes with the secrets, so one place configures the app */
  appId: () => Promise<string>;
  appSecret: () => Promise<string>;
  /** the most pages of a list followed before stopping (a runaway `next` must not loop forever) */
  maxPages?: number;
}

export class ConnectionsGraphGateway implements ConnectionsGraph {
  constructor(
    private readonly client: GraphClient,
    private readonly opts: ConnectionsGraphOptions,
  ) {}

  private async appToken(): Promise<string> {
    return `${await this.opts.appId()}|${await this.opts.appSecret()}`;
  }

  private all<T extends z.ZodMiniType>(
    path: string,
    token: string,
    item: T,
    query: Record<string, string> = {},
  ): Promise<Array<z.output<T>>> {
    return readAllPages(this.client, path, { token, item, query, maxPages: this.opts.maxPages });
  }

  async exchangeCode(code: string, redirectUri: string): Promise<TokenGrant> {
    const res = await this.client.get('oauth/access_token', {
      query: {
        client_id: await this.opts.appId(),
        client_secret: await this.opts.appSecret(),
        redirect_uri: redirectUri,
        code,
      },
      schema: TokenResponse,
      // a code is single-use: if the answer was lost, asking again cannot succeed
      idempotent: false,
    });
    return { accessToken: res.access_token, expiresIn: res.expires_in ?? null };
  }

  async exchangeForLongLived(shortLivedToken: string): Promise<TokenGrant> {
    const res = await this.client.get('oauth/access_token', {
      query: {
        grant_type: 'fb_exchange_token',
        client_id: await this.opts.appId(),
        client_secret: await this.opts.appSecret(),
        fb_exchange_token: shortLivedToken,
      },
      schema: TokenResponse,
    });
    return { accessToken: res.access_token, expiresIn: res.expires_in ?? null };
  }

  async debugToken(inputToken: string): Promise<TokenInfo> {
    const res = await this.client.get('debug_token', {
      token: await this.appToken(),
      query: { input_token: inputToken },
      schema: DebugTokenResponse,
    });
    const d = res.data;
    const toDate = (s: number | undefined) => (s && s > 0 ? new Date(s * 1000) : null);
    return {
      isValid: d.is_valid,
      type: d.type ?? null,
      userId: d.user_id ?? null,
      scopes: d.scopes,
      grantedTargets: Object.fromEntries(
        d.granular_scopes.filter((g) => g.target_ids !== undefined).map((g) => [g.scope, g.target_ids!]),
      ),
      expiresAt: toDate(d.expires_at),
      dataAccessExpiresAt: toDate(d.data_access_expires_at),
      errorCode: d.error?.code ?? null,
      errorSubcode: d.error?.subcode ?? null,
    };
  }

  async getMe(userToken: string) {
    const me = await this.client.get('me', {
      token: userToken,
      query: { fields: 'id,name' },
      schema: MeResponse,
    });
    return { id: me.id, name: me.name ?? null };
  }

  async listPages(userToken: string): Promise<MetaPageWithToken[]> {
    const pages = await this.all('me/accounts', userToken, PageItem, {
      fields: 'id,name,category,access_token,instagram_business_account',
    });
    return pages.map((p) => ({
      id: p.id,
      name: p.name,
      category: p.category ?? null,
      accessToken: p.access_token ?? null,
      instagramBusinessAccountId: p.instagram_business_account?.id ?? null,
    }));
  }

  async listBusinesses(userToken: string) {
    return this.all('me/businesses', userToken, BusinessItem, { fields: 'id,name' });
  }

  async listBusinessPages(businessId: string, userToken: string): Promise<MetaBusinessPage[]> {
    const fields = { fields: 'id,name,category,instagram_business_account' };
    const owned = await this.all(`${businessId}/owned_pages`, userToken, PageItem, fields);
    const client = await this.all(`${businessId}/client_pages`, userToken, PageItem, fields);
    return [...owned, ...client].map((p) => ({
      id: p.id,
      name: p.name,
      category: p.category ?? null,
      instagramBusinessAccountId: p.instagram_business_account?.id ?? null,
    }));
  }

  private adAccounts(items: Array<z.output<typeof AdAccountItem>>): MetaAdAccount[] {
    return items.map((a) => ({
      id: a.id,
      accountId: a.account_id ?? a.id.replace(/^act_/, ''),
      name: a.name,
      currency: a.currency ?? null,
    }));
  }

  async listAdAccounts(userToken: string): Promise<MetaAdAccount[]> {
    return this.adAccounts(
      await this.all('me/adaccounts', userToken, AdAccountItem, { fields: 'id,account_id,name,currency' }),
    );
  }

  async listBusinessAdAccounts(businessId: string, userToken: string): Promise<MetaAdAccount[]> {
    const fields = { fields: 'id,account_id,name,currency' };
    return this.adAccounts([
      ...(await this.all(`${businessId}/owned_ad_accounts`, userToken, AdAccountItem, fields)),
      ...(await this.all(`${businessId}/client_ad_accounts`, userToken, AdAccountItem, fields)),
    ]);
  }

  async getInstagramAccount(igUserId: string, token: string) {
    const ig = await this.client.get(igUserId, {
      token,
      query: { fields: 'id,username' },
      schema: InstagramAccount,
    });
    return { id: ig.id, username: ig.username ?? null };
  }

  async listLeadForms(pageId: string, pageToken: string): Promise<MetaLeadForm[]> {
    const forms = await this.all(`${pageId}/leadgen_forms`, pageToken, LeadFormItem, {
      fields: 'id,name,status',
    });
    return forms.map((f) => ({ id: f.id, name: f.name, status: f.status ?? null }));
  }

  /**
   * The numbers of the WhatsApp accounts a business owns and of those other businesses shared with it
   * (`client_whatsapp_business_accounts`: how an agency reaches its clients').
   */
  async listWhatsAppNumbers(businessId: string, userToken: string): Promise<MetaWhatsAppNumber[]> {
    const fields = { fields: 'id,name' };
    const wabas = [
      ...(await this.all(`${businessId}/owned_whatsapp_business_accounts`, userToken, WabaItem, fields)),
      ...(await this.all(`${businessId}/client_whatsapp_business_accounts`, userToken, WabaItem, fields)),
    ];
    const out: MetaWhatsAppNumber[] = [];
    for (const w of wabas) out.push(...(await this.numbersOf(w, userToken)));
    return out;
  }

  async wabaNumbers(wabaId: string, userToken: string): Promise<MetaWhatsAppNumber[]> {
    const waba = await this.client.get(wabaId, {
      token: userToken,
      query: { fields: 'id,name' },
      schema: WabaItem,
    });
    return this.numbersOf(waba, userToken);
  }

  private async numbersOf(
    w: { id: string; name?: string },
    userToken: string,
  ): Promise<MetaWhatsAppNumber[]> {
    const numbers = await this.all(`${w.id}/phone_numbers`, userToken, PhoneNumberItem, {
      fields: 'id,display_phone_number,verified_name',
    });
    return numbers.map((n) => ({
      id: n.id,
      wabaId: w.id,
      wabaName: w.name ?? null,
      displayPhoneNumber: n.display_phone_number ?? null,
      verifiedName: n.verified_name ?? null,
    }));
  }

  async getPage(pageId: string, userToken: string): Promise<MetaPageWithToken> {
    const p = await this.client.get(pageId, {
      token: userToken,
      query: { fields: 'id,name,category,access_token,instagram_business_account' },
      schema: PageItem,
    });
    return {
      id: p.id,
      name: p.name,
      category: p.category ?? null,
      accessToken: p.access_token ?? null,
      instagramBusinessAccountId: p.instagram_business_account?.id ?? null,
    };
  }

  async getBusiness(businessId: string, userToken: string) {
    return this.client.get(businessId, {
      token: userToken,
      query: { fields: 'id,name' },
      schema: BusinessItem,
    });
  }

  async getAdAccount(adAccountId: string, userToken: string): Promise<MetaAdAccount> {
    const a = await this.client.get(adAccountId, {
      token: userToken,
      query: { fields: 'id,account_id,name,currency' },
      schema: AdAccountItem,
    });
    return this.adAccounts([a])[0]!;
  }

  async subscribePage(pageId: string, pageToken: string, fields: string[]): Promise<void> {
    // subscribing twice leaves the same state, so a lost answer may be retried
    await this.client.post(`${pageId}/subscribed_apps`, {
      token: pageToken,
      form: { subscribed_fields: fields.join(',') },
      schema: SuccessResponse,
      idempotent: true,
    });
  }

  async unsubscribePage(pageId: string, pageToken: string): Promise<void> {
    await this.client.delete(`${pageId}/subscribed_apps`, { token: pageToken, schema: SuccessResponse });
  }

  async pageSubscription(pageId: string, pageToken: string): Promise<string[]> {
    const apps = await this.all(`${pageId}/subscribed_apps`, pageToken, SubscribedAppItem);
    const appId = await this.opts.appId();
    const ours = apps.find((a) => a.id === appId);
    return ours ? ours.subscribed_fields.map((f) => (typeof f === 'string' ? f : f.name)) : [];
  }

  async revokePermissions(userToken: string): Promise<void> {
    await this.client.delete('me/permissions', { token: userToken, schema: SuccessResponse });
  }
}
