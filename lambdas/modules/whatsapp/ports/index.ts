/**
 * What the WhatsApp core needs from outside, and nothing more: its store, its slice of the Graph API,
 * what it reads about connections (which numbers and accounts a tenant selected, and the token to act
 * with), and the platform's audit log, clock and ids. Each port has an in-memory fake in
 * test/modules/whatsapp/fakes.ts.
 */
import type { AuditLog, Clock, IdGenerator } from '../../../platform/core/ports';
import type { TemplateComponent, TemplateSubmission } from '../contracts/http';

/** A number the tenant selected, through a connection the service may act with. */
export interface SelectedNumber {
  tenantId: string;
  connectionId: string;
  phoneNumberId: string;
  wabaId: string;
}

/** A WhatsApp Business Account one of whose numbers the tenant selected. */
export interface SelectedWaba {
  tenantId: string;
  connectionId: string;
  wabaId: string;
}

export interface WhatsAppConnections {
  /** the tenant's selection of this number on a usable connection; undefined when it has none */
  findNumber(tenantId: string, phoneNumberId: string): Promise<SelectedNumber | undefined>;
  findWaba(tenantId: string, wabaId: string): Promise<SelectedWaba | undefined>;
  /** every tenant and connection with a selected number of this account (webhooks fan out on these) */
  selectionsOfWaba(wabaId: string): Promise<SelectedWaba[]>;
  /** the connection's token, decrypted; undefined when it has none (expired, revoked) */
  token(tenantId: string, connectionId: string): Promise<string | undefined>;
}

export interface MetaTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string | null;
  reason: string | null;
  components: unknown[];
}

export interface MetaBusinessProfile {
  about: string | null;
  address: string | null;
  description: string | null;
  email: string | null;
  websites: string[];
  vertical: string | null;
  profilePictureUrl: string | null;
}

export type ProfileChange = Partial<
  Pick<MetaBusinessProfile, 'about' | 'address' | 'description' | 'email' | 'websites' | 'vertical'>
>;

/** The module's slice of the Graph API (adapters/whatsapp-graph-gateway.ts says which Meta page each follows). */
export interface WhatsAppGraph {
  registerNumber(phoneNumberId: string, token: string, pin: string): Promise<void>;
  deregisterNumber(phoneNumberId: string, token: string): Promise<void>;
  listTemplates(wabaId: string, token: string): Promise<MetaTemplate[]>;
  createTemplate(
    wabaId: string,
    token: string,
    t: TemplateSubmission,
  ): Promise<{ id: string; status: string; category: string | null }>;
  /** every language of the name */
  deleteTemplate(wabaId: string, token: string, name: string): Promise<void>;
  getProfile(phoneNumberId: string, token: string): Promise<MetaBusinessProfile>;
  updateProfile(phoneNumberId: string, token: string, change: ProfileChange): Promise<void>;
}

export type TemplateSource = 'submitted' | 'synced' | 'webhook';

export interface StoredTemplate {
  tenantId: string;
  connectionId: string;
  wabaId: string;
  id: string;
  name: string;
  language: string;
  category: string | null;
  status: string;
  reason: string | null;
  components: TemplateComponent[] | unknown[];
  source: TemplateSource;
  updatedAt: string;
}

export interface StoredProfile extends MetaBusinessProfile {
  tenantId: string;
  connectionId: string;
  phoneNumberId: string;
  readAt: string;
}

export interface NumberRegistration {
  tenantId: string;
  connectionId: string;
  phoneNumberId: string;
  wabaId: string;
  registered: boolean;
  at: string;
}

/** Everything is kept in the tenant's partition and carries the connection id, so a purge finds it. */
export interface WhatsAppStore {
  putTemplates(templates: StoredTemplate[]): Promise<void>;
  listTemplates(tenantId: string, connectionId: string, wabaId: string): Promise<StoredTemplate[]>;
  /** removes every stored language of the name; how many were stored */
  deleteTemplates(tenantId: string, connectionId: string, wabaId: string, name: string): Promise<number>;
  putProfile(profile: StoredProfile): Promise<void>;
  putRegistration(r: NumberRegistration): Promise<void>;
}

export interface WhatsAppDeps {
  connections: WhatsAppConnections;
  graph: WhatsAppGraph;
  store: WhatsAppStore;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
}

/** The template-status worker reads selections and writes the store; it holds no token. */
export interface TemplateStatusDeps {
  connections: Pick<WhatsAppConnections, 'selectionsOfWaba'>;
  store: WhatsAppStore;
  clock: Clock;
}
