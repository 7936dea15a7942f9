/**
 * What the domain needs from Meta, in domain terms. The adapter in `adapters/meta-graph` speaks HTTP,
 * validates Meta's answers with zod and throws {@link MetaGraphError} / {@link MetaNetworkError}.
 */
import type { UsageReport } from '../../platform/core/graph/usage-headers';

export interface TokenGrant {
  accessToken: string;
  /** seconds; null when Meta gave none */
  expiresIn: number | null;
}

export interface TokenInfo {
  isValid: boolean;
  type: string | null;
  userId: string | null;
  scopes: string[];
  /**
   * `granular_scopes[].target_ids`: the assets each permission was granted for when the person picked
   * them one by one (only scopes Meta reports targets for)
   */
  grantedTargets: Record<string, string[]>;
  /** null = never expires (Meta reports 0) */
  expiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  errorCode: number | null;
  errorSubcode: number | null;
}

export interface MetaPageWithToken {
  id: string;
  name: string;
  category: string | null;
  accessToken: string | null;
  instagramBusinessAccountId: string | null;
}

export interface MetaBusinessPage {
  id: string;
  name: string;
  category: string | null;
  instagramBusinessAccountId: string | null;
}

export interface MetaAdAccount {
  id: string;
  accountId: string;
  name: string;
  currency: string | null;
}

export interface MetaLeadForm {
  id: string;
  name: string;
  status: string | null;
}

export interface MetaWhatsAppNumber {
  id: string;
  wabaId: string;
  wabaName: string | null;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
}

/** Told the usage Meta reported on one answer (the Marketing API paces each ad account on its own). */
export type UsageObserver = (usage: UsageReport) => void;

export interface MetaGraph {
  /** Conversions API for CRM: tells Meta a lead moved to a CRM stage (for ad optimization). */
  exchangeCode(code: string, redirectUri: string): Promise<TokenGrant>;
  exchangeForLongLived(shortLivedToken: string): Promise<TokenGrant>;
  debugToken(inputToken: string): Promise<TokenInfo>;
  getMe(userToken: string): Promise<{ id: string; name: string | null }>;
  listPages(userToken: string): Promise<MetaPageWithToken[]>;
  listBusinesses(userToken: string): Promise<Array<{ id: string; name: string }>>;
  listBusinessPages(businessId: string, userToken: string): Promise<MetaBusinessPage[]>;
  listAdAccounts(userToken: string): Promise<MetaAdAccount[]>;
  listBusinessAdAccounts(businessId: string, userToken: string): Promise<MetaAdAccount[]>;
  /** id and username only: what the permission document says is kept of an Instagram account */
  getInstagramAccount(igUserId: string, token: string): Promise<{ id: string; username: string | null }>;
  listLeadForms(pageId: string, pageToken: string): Promise<MetaLeadForm[]>;
  /** the numbers of the WhatsApp accounts the business owns and of those shared with it by clients */
  listWhatsAppNumbers(businessId: string, userToken: string): Promise<MetaWhatsAppNumber[]>;
  /** one WhatsApp account's numbers (an account granted on its own, without its business) */
  wabaNumbers(wabaId: string, userToken: string): Promise<MetaWhatsAppNumber[]>;
  /** one Page granted on its own, with its Page token */
  getPage(pageId: string, userToken: string): Promise<MetaPageWithToken>;
  getBusiness(businessId: string, userToken: string): Promise<{ id: string; name: string }>;
  getAdAccount(adAccountId: string, userToken: string): Promise<MetaAdAccount>;
  subscribePage(pageId: string, pageToken: string, fields: string[]): Promise<void>;
  unsubscribePage(pageId: string, pageToken: string): Promise<void>;
  /** The fields this app is subscribed to on the Page; empty when the app is not subscribed. */
  pageSubscription(pageId: string, pageToken: string): Promise<string[]>;
  revokePermissions(userToken: string): Promise<void>;
}
