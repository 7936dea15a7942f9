import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

export const awsEventBridge = (): EventBridgeClient => new EventBridgeClient({});
