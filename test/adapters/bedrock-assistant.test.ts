/** The Bedrock adapter: only the conversation in the prompt, answers checked, failures without bodies. */
import { BedrockAssistant, type ConverseRequest } from '../../lambdas/adapters/ai/bedrock-assistant';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { BedrockSdkConverseClient } from '../../lambdas/adapters/ai/bedrock-converse-client';

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

  it('the SDK client sends a Converse command and reports failures without their messages', async () => {
    const sent: unknown[] = [];
    const failing = {
      send: async (cmd: unknown) => {
        sent.push(cmd);
        throw Object.assign(new Error('Malformed input: "secret prompt echoed"'), {
          name: 'ValidationException',
          $metadata: { httpStatusCode: 400 },
        });
      },
    };
    const client = new BedrockSdkConverseClient(failing as never);
    const error = await client
      .converse({
        modelId: 'a.b:0',
        system: [],
        messages: [],
        inferenceConfig: { maxTokens: 1, temperature: 0 },
      })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Bedrock answered 400 ValidationException');
    expect((error as Error).message).not.toContain('secret');
    expect(sent[0]).toBeInstanceOf(ConverseCommand);
    expect((sent[0] as ConverseCommand).input.modelId).toBe('a.b:0');
  });
});
