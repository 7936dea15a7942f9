import { eventBridgeApi, type EventBridgeApi } from '../../adapters/aws-http/event-bridge-api';
import { EVENTBRIDGE } from '../../adapters/aws-http/services';
import type { Env } from '../env';
import { lambdaJsonClient } from './json-clients';
import type { Traced } from './traced';

/** The bus's PutEvents in Lambda, over the JSON client (no SDK client: docs/bundles.md). */
export const awsEventBridge = (trace: Traced, env: Env): EventBridgeApi =>
  eventBridgeApi(lambdaJsonClient(EVENTBRIDGE, env, trace.calls));
