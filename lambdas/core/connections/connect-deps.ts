import type { ConnectionActorDeps, OAuthStateStore, SecretsProvider } from '../ports';
import type { MetaGraph } from '../meta/meta-graph';
import type { ReturnUrlPolicy } from '../oauth/return-url';

export interface ConnectSettings {
  graphVersion: string;
  /** Facebook's login host (the simulator locally) */
  loginUrl: string;
  /** this API's OAuth callback, registered in the Meta app's Valid OAuth Redirect URIs */
  redirectUri: string;
  returnUrls: ReturnUrlPolicy;
}

export interface ConnectDeps extends ConnectionActorDeps {
  secrets: SecretsProvider;
  oauthStates: OAuthStateStore;
  graph: MetaGraph;
  settings: ConnectSettings;
}
