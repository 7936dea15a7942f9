/**
 * Bedrock Runtime's Converse call through the SDK client. Failures are re-thrown with the error's name
 * and HTTP status only: a Bedrock validation message may quote the prompt, and prompts are conversation
 * text that must never reach a log.
 */
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { BedrockAssistant, type BedrockConverseClient, type ConverseRequest } from './bedrock-assistant';
import type { Traced } from '../../../platform/wiring/aws/traced';

export class BedrockCallError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly errorType: string,
  ) {
    super(`Bedrock answered ${status ?? 'without a status'} ${errorType}`);
    this.name = 'BedrockCallError';
  }
}

export class BedrockSdkConverseClient implements BedrockConverseClient {
  constructor(private readonly client: Pick<BedrockRuntimeClient, 'send'>) {}

  async converse(request: ConverseRequest): Promise<unknown> {
    try {
      return await this.client.send(new ConverseCommand(request));
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      throw new BedrockCallError(e.$metadata?.httpStatusCode, e.name ?? 'Error');
    }
  }
}

/** The assistant on Bedrock in Lambda: the SDK client (traced when tracing is on) and the configured model. */
export const bedrockAssistant = (trace: Traced, modelId: string): BedrockAssistant =>
  new BedrockAssistant(new BedrockSdkConverseClient(trace.sdk(new BedrockRuntimeClient({}))), modelId);
