/**
 * The operator console in AWS (context `console=true`): a private bucket reached only through CloudFront's
 * origin access control, security headers with a CSP, SPA routing, access logs, the console's origin in
 * the API's CORS and return-URL allow-lists, Cognito's hosted UI with PKCE, and all three cdk-nag packs
 * clean. Without the context nothing of it is deployed.
 */
import path from 'node:path';
import vm from 'node:vm';
import { Match } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../lib/config';
import { logicalId, nagFindings, synth, type Json, type Synthesized } from './synth';

const BUILD = path.join(__dirname, 'fixtures', 'console-build');
const CONTEXT = { metaAppId: '987654321012345', console: 'true' };
const props = (resource: unknown): Json => (resource as { Properties: Json }).Properties;
const only = (s: Synthesized, type: string): Json => {
  const found = Object.values(s.template.findResources(type));
  expect(found).toHaveLength(1);
  return props(found[0]);
};
/** a CloudFormation string with its tokens flattened, for substring checks */
const flat = (value: unknown): string => JSON.stringify(value);
const securityHeaders = (x: Synthesized): Json =>
  (only(x, 'AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig as Json)
    .SecurityHeadersConfig as Json;
const cspOf = (x: Synthesized): string =>
  flat((securityHeaders(x).ContentSecurityPolicy as Json).ContentSecurityPolicy);

let s: Synthesized;
beforeAll(() => {
  s = synth(CONTEXT, { consoleBuild: BUILD });
});

describe('the console bucket', () => {
  test('is private, encrypted, TLS-only, versioned and logged', () => {
    const id = logicalId(s.stack, s.stack.console!.bucket);
    const bucket = props(s.template.findResources('AWS::S3::Bucket')[id]);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(flat(bucket.BucketEncryption)).toContain('AES256');
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalId(s.stack, s.stack.console!.logBucket) },
      LogFilePrefix: 'files/',
    });
  });

  test('its policy lets only this distribution read it (origin access control) and refuses plain HTTP', () => {
    const id = logicalId(s.stack, s.stack.console!.bucket);
    const policy = Object.values(s.template.findResources('AWS::S3::BucketPolicy'))
      .map(props)
      .find((p) => flat(p.Bucket) === flat({ Ref: id }))!;
    const statements = (policy.PolicyDocument as { Statement: Json[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: {
            StringEquals: {
              'AWS:SourceArn': expect.anything(),
            },
          },
        }),
      ]),
    );
    const read = statements.find((st) => st.Effect === 'Allow' && st.Action === 's3:GetObject')!;
    expect(flat(read.Condition)).toContain(logicalId(s.stack, s.stack.console!.distribution));
    // nobody else: no public or wildcard principal
    expect(statements.filter((st) => st.Effect === 'Allow').map((st) => st.Principal)).toEqual([
      { Service: 'cloudfront.amazonaws.com' },
    ]);
  });

  test('the build and config.json are uploaded under console/, revalidated on every load', () => {
    s.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalId(s.stack, s.stack.console!.bucket) },
      DestinationBucketKeyPrefix: 'console/',
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
  });
});

describe('the distribution', () => {
  test('serves the bucket through origin access control, HTTPS only, GET and HEAD, with logs', () => {
    const dist = only(s, 'AWS::CloudFront::Distribution').DistributionConfig as Json;
    const [origin] = dist.Origins as Json[];
    expect(origin!.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^ConsoleDistributionOrigin1S3OriginAccessControl/), 'Id'],
    });
    expect(origin!.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(dist.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
      ResponseHeadersPolicyId: { Ref: logicalId(s.stack, s.stack.console!.headers) },
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: expect.anything() }],
    });
    expect(dist.Logging).toMatchObject({
      Bucket: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.console!.logBucket), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
    s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  test('sends a CSP that allows only this origin, the API and the issuer, plus the other security headers', () => {
    const security = securityHeaders(s);
    const csp = cspOf(s);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).toContain("connect-src 'self' https://*.execute-api.");
    expect(csp).toContain('https://cognito-idp.');
    expect(csp).toContain(logicalId(s.stack, s.stack.auth.userPoolDomain!));
    expect(csp).not.toContain('unsafe-inline');
    expect(security).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 31_536_000,
        IncludeSubdomains: true,
        Override: true,
      },
    });
  });

  test('routes the SPA: its paths get index.html, files pass, / goes to /console/', () => {
    const code = only(s, 'AWS::CloudFront::Function').FunctionCode as string;
    const handler = vm.runInNewContext(`${code}; handler`) as (e: unknown) => Json;
    const at = (uri: string) => handler({ request: { uri, querystring: {} } });
    expect(at('/console/leads/lead_1')).toMatchObject({ uri: '/console/index.html' });
    expect(at('/console/auth/callback')).toMatchObject({ uri: '/console/index.html' });
    expect(at('/console/')).toMatchObject({ uri: '/console/index.html' });
    expect(at('/console/assets/index-abc.js')).toMatchObject({ uri: '/console/assets/index-abc.js' });
    expect(at('/console/config.json')).toMatchObject({ uri: '/console/config.json' });
    expect(at('/')).toMatchObject({ statusCode: 302, headers: { location: { value: '/console/' } } });
    expect(at('/console')).toMatchObject({ statusCode: 302 });
  });
});

describe('the API and sign-in know the console', () => {
  const domain = () => ({ 'Fn::GetAtt': [logicalId(s.stack, s.stack.console!.distribution), 'DomainName'] });

  test('its origin is in the API’s CORS allow-list and the OAuth return-URL allow-list', () => {
    expect(only(s, 'AWS::ApiGatewayV2::Api').CorsConfiguration).toMatchObject({
      AllowOrigins: [{ 'Fn::Join': ['', ['https://', domain()]] }],
    });
    const functions = Object.values(s.template.findResources('AWS::Lambda::Function')).map(props);
    const connections = functions.find((f) => flat(f.Environment).includes('RETURN_URL_ALLOWLIST'))!;
    expect(flat((connections.Environment as Json).Variables)).toContain(flat(domain()));
  });

  test('the web client signs in at Cognito’s hosted UI with the authorization code (a public client)', () => {
    const client = only(s, 'AWS::Cognito::UserPoolClient');
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(client.GenerateSecret).toBe(false);
    expect(flat(client.CallbackURLs)).toContain('/console/auth/callback');
    expect(only(s, 'AWS::Cognito::UserPoolDomain').Domain).toEqual({
      'Fn::Join': ['', ['metaconnectortest-', { Ref: 'AWS::AccountId' }]],
    });
  });

  test('config.json names the API and Cognito, with the ID token (it carries the tenant)', () => {
    const settings = s.stack.resolve(s.stack.consoleSettings);
    expect(settings).toMatchObject({
      apiUrl: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.httpApi.api), 'ApiEndpoint'] },
      auth: {
        kind: 'oidc',
        clientId: { Ref: logicalId(s.stack, s.stack.auth.userPoolClient!) },
        token: 'id_token',
        tenantClaim: 'custom:tenant_id',
        scope: 'openid email profile',
      },
    });
    expect(flat(settings.auth.authority)).toContain('cognito-idp');
    expect(flat(settings.auth.logoutUrl)).toContain('/logout?client_id=');
    s.template.hasOutput('ConsoleUrl', { Value: Match.anyValue() });
  });
});

test('cdk-nag: AwsSolutions, Serverless and NIST 800-53 R5 find nothing in the stack with its console', () => {
  expect(nagFindings(s.stack)).toEqual([]);
  // the custom domain variant drops the default-certificate acknowledgment: still clean
  const custom = synth(
    {
      ...CONTEXT,
      consoleDomainName: 'console.example.com',
      consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
      consoleWebAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/console/abcd',
    },
    { consoleBuild: BUILD },
  );
  expect(nagFindings(custom.stack)).toEqual([]);
});

test('without the context nothing of the console is deployed', () => {
  const plain = synth({ metaAppId: '987654321012345' });
  expect(plain.template.findResources('AWS::CloudFront::Distribution')).toEqual({});
  expect(plain.template.findResources('AWS::Cognito::UserPoolDomain')).toEqual({});
  expect(plain.template.findResources('Custom::CDKBucketDeployment')).toEqual({});
  expect(plain.stack.console).toBeUndefined();
});

describe('variants', () => {
  test('a custom domain: its certificate, TLSv1.2_2021, and the API named exactly in the CSP', () => {
    const v = synth(
      {
        ...CONTEXT,
        consoleDomainName: 'console.example.com',
        consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
      },
      { consoleBuild: BUILD },
    );
    const dist = only(v, 'AWS::CloudFront::Distribution').DistributionConfig as Json;
    expect(dist.Aliases).toEqual(['console.example.com']);
    expect(dist.ViewerCertificate).toMatchObject({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const csp = cspOf(v);
    expect(csp).not.toContain('*.execute-api');
    expect(csp).toContain(logicalId(v.stack, v.stack.httpApi.api));
    expect(only(v, 'AWS::ApiGatewayV2::Api').CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://console.example.com'],
    });
  });

  test('an external issuer: the console’s own client there, no Cognito domain', () => {
    const v = synth(
      {
        ...CONTEXT,
        jwtIssuer: 'https://login.example.com',
        jwtAudience: 'crm-api,console-spa',
        consoleOidcClientId: 'console-spa',
      },
      { consoleBuild: BUILD },
    );
    expect(v.template.findResources('AWS::Cognito::UserPoolDomain')).toEqual({});
    expect(v.stack.resolve(v.stack.consoleSettings)).toMatchObject({
      auth: {
        kind: 'oidc',
        authority: 'https://login.example.com',
        clientId: 'console-spa',
        token: 'id_token',
        tenantClaim: 'tenant_id',
      },
    });
    const csp = cspOf(v);
    expect(csp).toContain('https://login.example.com');
  });

  test('configuration mistakes are refused with the key to fix', () => {
    const read = (values: Record<string, unknown>) => () =>
      readConfig({ tryGetContext: (key: string) => values[key] });
    expect(read({ console: 'yes' })).toThrow(/"console" is true or false/);
    expect(read({ console: 'true', consoleDomainName: 'console.example.com' })).toThrow(
      /consoleCertificateArn/,
    );
    expect(
      read({
        console: 'true',
        consoleDomainName: 'console.example.com',
        consoleCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abcd',
      }),
    ).toThrow(/us-east-1/);
    expect(read({ console: 'true', jwtIssuer: 'https://login.example.com', jwtAudience: 'a' })).toThrow(
      /consoleOidcClientId/,
    );
    expect(read({ console: 'false' })().console).toBeUndefined();
  });
});
