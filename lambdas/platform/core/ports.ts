/**
 * The ports every module shares and the platform implements once: time and ids, the token vault, the
 * Meta app's secrets, the bus (domain events and internal commands), the audit log and tenant settings.
 * A module declares its own ports beside its core (lambdas/modules/<name>/ports); these are not repeated there.
 */
import type { AuditEntry } from './audit-entry';
import type { DomainEvent } from '../contracts/event-contract';

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A sortable, unique id (time-ordered, so lists come out newest first by reversing). */
  next(prefix?: string): string;
}

/** Binds a ciphertext to the tenant and the connection it belongs to. */
export interface EncryptionContext {
  tenantId: string;
  connectionId: string;
}

export interface TokenVault {
  encrypt(plaintext: string, context: EncryptionContext): Promise<string>;
  /** Fails when the context differs from the one used to encrypt. */
  decrypt(ciphertext: string, context: EncryptionContext): Promise<string>;
}

export interface MetaAppSecrets {
  appId: string;
  appSecret: string;
  verifyToken: string;
  /** HMAC key for the OAuth `state`; derived from the app secret unless set separately. */
  stateSigningKey: string;
  /**
   * The values a rotation replaced, still accepted when verifying (never used to sign or call Meta) until
   * `until`: webhooks and signed requests Meta signed before the reset, OAuth states issued before the new
   * key (lambdas/core/meta/secret-rotation.ts).
   */
  previous?: { appSecret?: string; stateSigningKey?: string; until: Date };
}

export interface SecretsProvider {
  /**
   * `fresh`: read past the cache, because a signature matched none of the cached values and the operator
   * may have just rotated them (implementations bound how often that reaches the store).
   */
  metaApp(options?: { fresh?: boolean }): Promise<MetaAppSecrets>;
}

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}

export interface CommandPublisher {
  /**
   * Internal commands travel on the bus like ingest events, so the same queues and DLQs carry them. The
   * detail is the command's contract (platform/contracts/command-contract.ts) already parsed.
   */
  send(detailType: string, detail: Record<string, unknown>): Promise<void>;
}

/**
 * A job that must start at a given second, sent straight to its worker's queue with a delay (at most 15
 * minutes): the publishing scheduler looks a minute ahead, and the ads worker holds a job the ad account's
 * pace holds back.
 */
export interface DelayedJobSender {
  sendAt(detailType: string, detail: Record<string, unknown>, delaySeconds: number): Promise<void>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first; a filter narrows by exact action and/or target (e.g. `connection:<id>`). */
  list(tenantId: string, page: PageRequest, filter?: AuditFilter): Promise<Page<AuditEntry>>;
}

export interface AuditFilter {
  action?: string;
  target?: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Tenant settings, one JSON document per key (`lead-status-mapping`, `retention`, `approval-rules`, …). */
export interface SettingsRepository {
  get<T>(tenantId: string, key: string): Promise<T | undefined>;
  put<T>(tenantId: string, key: string, value: T, at: string): Promise<void>;
}

/**
 * The platform's ports a module that acts for tenants holds: time, ids, the token vault, the bus, the
 * audit log and the tenant's settings. A module's deps extend it with its own ports (or Pick from it).
 */
export interface PlatformDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  audit: AuditLog;
  settings: SettingsRepository;
}

/** A scheduled sync's watermarks: where its last run stopped, per tenant, connection and key. */
export interface Watermarks {
  getWatermark(tenantId: string, connectionId: string, key: string): Promise<string | undefined>;
  saveWatermark(tenantId: string, connectionId: string, key: string, value: string): Promise<void>;
}
