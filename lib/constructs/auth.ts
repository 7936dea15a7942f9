/**
 * Who may call the tenant API: either an external OIDC issuer (the CRM's own identity provider) or, when
 * none is configured, a Cognito user pool created here whose users carry their tenant in `custom:tenant_id`.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { AuthConfig } from '../config';

export interface TenantAuthProps {
  config: AuthConfig;
  /**
   * Cognito's hosted UI for the operator console: authorization code with PKCE for the web client, back
   * to these URLs only (https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html).
   */
  hostedUi?: { domainPrefix: string; callbackUrls: string[]; logoutUrls: string[] };
}

export class TenantAuth extends Construct {
  readonly issuer: string;
  readonly audience: string[];
  readonly authorizer: HttpJwtAuthorizer;
  readonly userPool?: cognito.UserPool;
  readonly userPoolClient?: cognito.UserPoolClient;
  /** the hosted UI's domain, when the console signs in there */
  readonly userPoolDomain?: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: TenantAuthProps) {
    super(scope, id);
    if (props.config.kind === 'external') {
      this.issuer = props.config.issuer;
      this.audience = props.config.audience;
    } else {
      this.userPool = new cognito.UserPool(this, 'UserPool', {
        // tenants are assigned by an administrator; a self-registered user would have none
        selfSignUpEnabled: false,
        signInAliases: { email: true },
        customAttributes: {
          tenant_id: new cognito.StringAttribute({ minLen: 1, maxLen: 128, mutable: true }),
        },
        passwordPolicy: {
          minLength: 12,
          requireLowercase: true,
          requireUppercase: true,
          requireDigits: true,
          requireSymbols: true,
        },
        mfa: cognito.Mfa.REQUIRED,
        mfaSecondFactor: { otp: true, sms: false },
        featurePlan: cognito.FeaturePlan.PLUS,
        standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
        accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const standard = { email: true, emailVerified: true, fullname: true };
      this.userPoolClient = this.userPool.addClient('WebClient', {
        generateSecret: false,
        // SRP for the frontend; admin password auth lets an operator with AWS credentials get a token from the
        // CLI (README "Cognito"): it cannot be called without IAM credentials, so it opens nothing to the public
        authFlows: { userSrp: true, adminUserPassword: true },
        preventUserExistenceErrors: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        readAttributes: new cognito.ClientAttributes()
          .withStandardAttributes(standard)
          .withCustomAttributes('tenant_id'),
        // Without this a user could rewrite their own custom:tenant_id and read another tenant's data.
        writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
          email: true,
          fullname: true,
        }),
        ...(props.hostedUi
          ? {
              // a public client (no secret): the browser proves itself with PKCE
              oAuth: {
                flows: { authorizationCodeGrant: true },
                scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
                callbackUrls: props.hostedUi.callbackUrls,
                logoutUrls: props.hostedUi.logoutUrls,
              },
              supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
              refreshTokenValidity: Duration.hours(12),
            }
          : {}),
      });
      if (props.hostedUi) {
        this.userPoolDomain = this.userPool.addDomain('HostedUi', {
          cognitoDomain: { domainPrefix: props.hostedUi.domainPrefix },
        });
      }
      // The tenant claim is in the ID token (Cognito access tokens carry no custom attributes), whose
      // `aud` is the client id.
      this.issuer = `https://cognito-idp.${Stack.of(this).region}.${Stack.of(this).urlSuffix}/${this.userPool.userPoolId}`;
      this.audience = [this.userPoolClient.userPoolClientId];
    }
    this.authorizer = new HttpJwtAuthorizer('TenantJwt', this.issuer, { jwtAudience: this.audience });
  }
}
