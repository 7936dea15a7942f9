/** The public options and handle of the simulator; `index.ts` re-exports them unchanged. */
export interface MetaSimulatorOptions {
  /** 0 = ephemeral; default 0 */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  appId: string;
  appSecret: string;
  /** default 'v26.0'; requests with any /vNN.N/ prefix are accepted, and without a prefix too */
  graphVersion?: string;
  /** where the service receives webhooks, e.g. http://127.0.0.1:3000/api/v1/meta/webhook; may be set later */
  webhookUrl?: string;
  /** the service's POST /api/v1/meta/deauthorize */
  deauthorizeUrl?: string;
  /** the service's POST /api/v1/meta/data-deletion */
  dataDeletionUrl?: string;
  /**
   * default true: a Graph call with a user/page token and a missing or wrong appsecret_proof fails with
   * code 100 like Meta's "Require App Secret" setting
   */
  requireAppSecretProof?: boolean;
  /** optional fixed seed for ids so tests are reproducible */
  seed?: number;
}

export interface MetaSimulator {
  /** http://127.0.0.1:<port> */
  url: string;
  setTargets(t: { webhookUrl?: string; deauthorizeUrl?: string; dataDeletionUrl?: string }): void;
  /** back to the default world, calls and faults cleared */
  reset(): void;
  close(): Promise<void>;
}

export interface SimulatorTargets {
  webhookUrl?: string;
  deauthorizeUrl?: string;
  dataDeletionUrl?: string;
}
