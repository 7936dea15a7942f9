import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { untraced, type Traced } from './traced';

export const awsEventBridge = (trace: Traced = untraced): EventBridgeClient =>
  trace(new EventBridgeClient({}));
