import { dnsSuffix, serviceEndpoint } from '../../../../lambdas/platform/adapters/aws-http/endpoint';
import {
  DYNAMODB,
  EVENTBRIDGE,
  SECRETS_MANAGER,
} from '../../../../lambdas/platform/adapters/aws-http/services';

test.each([
  ['eu-west-1', 'amazonaws.com'],
  ['us-gov-west-1', 'amazonaws.com'],
  ['cn-north-1', 'amazonaws.com.cn'],
  ['eusc-de-east-1', 'amazonaws.eu'],
  ['us-iso-east-1', 'c2s.ic.gov'],
  ['us-isob-east-1', 'sc2s.sgov.gov'],
  ['us-isof-south-1', 'csp.hci.ic.gov'],
  ['eu-isoe-west-1', 'cloud.adc-e.uk'],
])('%s is in the partition whose DNS suffix is %s', (region, suffix) => {
  expect(dnsSuffix(region)).toBe(suffix);
});

test('each service at its regional endpoint', () => {
  expect(serviceEndpoint(EVENTBRIDGE, 'eu-west-1', {}).href).toBe('https://events.eu-west-1.amazonaws.com/');
  expect(serviceEndpoint(DYNAMODB, 'cn-north-1', {}).href).toBe(
    'https://dynamodb.cn-north-1.amazonaws.com.cn/',
  );
  expect(serviceEndpoint(SECRETS_MANAGER, 'eu-west-1', {}).href).toBe(
    'https://secretsmanager.eu-west-1.amazonaws.com/',
  );
});

test('AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL, which wins over the regional endpoint', () => {
  const env = {
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    AWS_ENDPOINT_URL_EVENTBRIDGE: 'https://vpce-1.events.eu-west-1.vpce.amazonaws.com',
  };
  expect(serviceEndpoint(EVENTBRIDGE, 'eu-west-1', env).host).toBe(
    'vpce-1.events.eu-west-1.vpce.amazonaws.com',
  );
  expect(serviceEndpoint(SECRETS_MANAGER, 'eu-west-1', env).href).toBe('http://127.0.0.1:4566/');
});
