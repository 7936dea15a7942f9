/** Who did what, when, to which asset, with what result. Never holds a token or lead field value. */
export interface AuditEntry {
  tenantId: string;
  id: string;
  at: string;
  /** `user:<sub>`, `meta` (a callback), or `system:<job>` */
  actor: string;
  action: string;
  /** e.g. `connection:<id>`, `page:<id>` */
  target?: string;
  result: 'success' | 'failure' | 'denied';
  reason?: string;
  details?: Record<string, unknown>;
}
