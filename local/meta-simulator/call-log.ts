/**
 * The Graph calls received, for tests to assert on what the service asked Meta and whether it signed its
 * calls. Credentials are replaced by "<redacted>" so the log can be printed safely.
 */
export interface CallRecord {
  method: string;
  /** without version prefix, as sent (`/me/accounts`, not the resolved user id) */
  path: string;
  query: Record<string, string>;
  /** the parsed body of POST/DELETE calls, redacted; absent when empty */
  body?: Record<string, unknown>;
  appsecretProofValid: boolean | null;
  tokenType: 'USER' | 'PAGE' | 'APP' | null;
  /** the contract the call was served under (contracts/), null when no endpoint of the reference matched */
  contract: string | null;
  /** Meta's message when the call broke its contract */
  contractViolation?: string;
  /** the HTTP status answered (or, for a `timeout-after-success` fault, the one that was never sent) */
  status: number;
  /** false when a fault held the answer back */
  answered: boolean;
  faultId?: string;
  /** ISO time the call arrived */
  at: string;
}

const SECRET_KEYS = new Set([
  'access_token',
  'input_token',
  'fb_exchange_token',
  'client_secret',
  'code',
  'appsecret_proof',
  // a WhatsApp number's two-step verification PIN
  'pin',
]);
const MAX_CALLS = 10_000;

export function redact(values: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of values) out[k] = SECRET_KEYS.has(k) ? '<redacted>' : v;
  return out;
}

export class CallLog {
  private calls: CallRecord[] = [];

  add(call: CallRecord): CallRecord {
    this.calls.push(call);
    // benchmarks make many calls: keep the newest only
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS);
    return call;
  }

  list(): CallRecord[] {
    return [...this.calls];
  }

  clear(): void {
    this.calls = [];
  }
}
