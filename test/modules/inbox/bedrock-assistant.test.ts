/**
 * The Bedrock adapter: only the conversation in the prompt, answers checked, failures without bodies. Bedrock
 * has no local endpoint, so the SDK client is mocked (aws-sdk-client-mock) with Converse's shapes:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
import {
  BedrockAssistant,
  type ConverseRequest,
} from '../../../lambdas/modules/inbox/adapters/bedrock-assistant';
import { BedrockRuntimeClient, ConverseCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import {
  BedrockCallError,
  BedrockSdkConverseClient,
} from '../../../lambdas/modules/inbox/adapters/bedrock-converse-client';

describe('BedrockAssistant', () => {
  const turns = [
    { from: 'customer' as const, text: 'Do you cater weddings?', at: '2026-05-10T10:00:00Z' },
    { from: 'business' as const, text: 'We do!', at: '2026-05-10T10:01:00Z' },
  ];
  it('sends the conversation and nothing else, and keeps the answer within the channel’s limit', async () => {
    const seen: ConverseRequest[] = [];
    const client = {
      converse: async (r: ConverseRequest) => {
        seen.push(r);
        return { output: { message: { role: 'assistant', content: [{ text: `  ${'x'.repeat(50)}  ` }] } } };
      },
    };
    const a = new BedrockAssistant(client, 'anthropic.claude-3-haiku-20240307-v1:0');
    const { text } = await a.draftReply({ channel: 'instagram_dm', turns, maxChars: 20 });
    expect(text).toBe('x'.repeat(20));
    expect(seen[0]!.modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(seen[0]!.messages).toHaveLength(1);
    expect(seen[0]!.messages[0]!.content[0]!.text).toContain(
      'Customer: Do you cater weddings?\nBusiness: We do!',
    );
  });

  it('a classification the model did not format is "other", never its raw text', async () => {
    const a = new BedrockAssistant(
      { converse: async () => ({ output: { message: { content: [{ text: 'I think lead' }] } } }) },
      'm',
    );
    expect(await a.classify({ channel: 'messenger', turns, maxChars: 2000 })).toEqual({
      label: 'other',
      confidence: 0,
    });
    const b = new BedrockAssistant(
      {
        converse: async () => ({
          output: { message: { content: [{ text: 'Sure: {"label":"lead","confidence":0.9}' }] } },
        }),
      },
      'm',
    );
    expect(await b.classify({ channel: 'messenger', turns, maxChars: 2000 })).toEqual({
      label: 'lead',
      confidence: 0.9,
    });
  });

  it('through the SDK client: a Converse request with the model, system prompt and conversation, and its answer', async () => {
    const bedrock = mockClient(BedrockRuntimeClient);
    try {
      bedrock.on(ConverseCommand).resolves({
        output: { message: { role: 'assistant', content: [{ text: 'We do! ' }, { text: 'When is it?' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 40, outputTokens: 8, totalTokens: 48 },
        metrics: { latencyMs: 300 },
      });
      const assistant = new BedrockAssistant(
        new BedrockSdkConverseClient(new BedrockRuntimeClient({ region: 'eu-west-1' })),
        'anthropic.claude-3-haiku-20240307-v1:0',
      );
      expect(await assistant.draftReply({ channel: 'messenger', turns, maxChars: 640 })).toEqual({
        text: 'We do! When is it?',
      });
      const calls = bedrock.commandCalls(ConverseCommand);
      expect(calls).toHaveLength(1);
      const input = calls[0]!.args[0].input;
      expect(input).toMatchObject({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        inferenceConfig: { maxTokens: 320, temperature: 0.2 },
      });
      expect(input.system).toEqual([{ text: expect.stringContaining('Keep it under 640 characters.') }]);
      expect(input.messages).toEqual([
        { role: 'user', content: [{ text: expect.stringContaining('Customer: Do you cater weddings?') }] },
      ]);

      // an answer without the Converse output shape is refused, not passed on
      bedrock.on(ConverseCommand).resolves({ stopReason: 'guardrail_intervened' });
      await expect(assistant.draftReply({ channel: 'messenger', turns, maxChars: 640 })).rejects.toThrow(
        'Bedrock answered with an unexpected shape',
      );
    } finally {
      bedrock.restore();
    }
  });

  it('through the SDK client: a failure is reported by name and status, without its message', async () => {
    const bedrock = mockClient(BedrockRuntimeClient);
    try {
      bedrock.on(ConverseCommand).rejects(
        new ValidationException({
          message: 'Malformed input: "secret prompt echoed"',
          $metadata: { httpStatusCode: 400 },
        }),
      );
      const client = new BedrockSdkConverseClient(new BedrockRuntimeClient({ region: 'eu-west-1' }));
      const error = await client
        .converse({
          modelId: 'a.b:0',
          system: [],
          messages: [],
          inferenceConfig: { maxTokens: 1, temperature: 0 },
        })
        .catch((e: Error) => e);
      expect(error).toBeInstanceOf(BedrockCallError);
      expect((error as Error).message).toBe('Bedrock answered 400 ValidationException');
      expect((error as Error).message).not.toContain('secret');
      expect(bedrock.commandCalls(ConverseCommand)[0]!.args[0].input.modelId).toBe('a.b:0');
    } finally {
      bedrock.restore();
    }
  });
});
