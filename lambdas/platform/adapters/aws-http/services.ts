/**
 * The AWS services this connector reaches over AWS's JSON protocols, as their wire names them: the host
 * prefix, SigV4's signing name, the `X-Amz-Target` prefix and the protocol version
 * (https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html,
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). `envId` is the service's part of
 * `AWS_ENDPOINT_URL_<SERVICE>`, the variable the AWS SDKs read for a service-specific endpoint
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 */
export interface AwsJsonService {
  /** the SDK's service id: names the X-Ray subsegment, as the SDK's capture names it */
  name: string;
  endpointPrefix: string;
  signingName: string;
  targetPrefix: string;
  jsonVersion: '1.0' | '1.1';
  envId: string;
}

export const EVENTBRIDGE: AwsJsonService = {
  name: 'EventBridge',
  endpointPrefix: 'events',
  signingName: 'events',
  targetPrefix: 'AWSEvents',
  jsonVersion: '1.1',
  envId: 'EVENTBRIDGE',
};

export const SECRETS_MANAGER: AwsJsonService = {
  name: 'SecretsManager',
  endpointPrefix: 'secretsmanager',
  signingName: 'secretsmanager',
  targetPrefix: 'secretsmanager',
  jsonVersion: '1.1',
  envId: 'SECRETS_MANAGER',
};

export const DYNAMODB: AwsJsonService = {
  name: 'DynamoDB',
  endpointPrefix: 'dynamodb',
  signingName: 'dynamodb',
  targetPrefix: 'DynamoDB_20120810',
  jsonVersion: '1.0',
  envId: 'DYNAMODB',
};
