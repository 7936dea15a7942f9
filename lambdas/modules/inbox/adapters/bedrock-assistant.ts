/**
 * The {@link ReplyAssistant} on Amazon Bedrock (Converse API, model id from configuration). It sends the
 * one conversation it is given and nothing else; it logs neither the prompt nor the answer. Bedrock does
 * not store prompts or completions nor use them for training; model invocation logging stays off in the
 * account (README). The client is anything with the Converse call's shape (the SDK wrapper beside this
 * file in AWS, a stub in tests).
 */
import * as z from '../../../platform/contracts/zod';
import {
  CLASSIFICATION_LABELS,
  type AssistInput,
  type ClassificationLabel,
  type ReplyAssistant,
} from '../core/reply-assistant';

export interface ConverseRequest {
  modelId: string;
  system: Array<{ text: string }>;
  messages: Array<{ role: 'user' | 'assistant'; content: Array<{ text: string }> }>;
  inferenceConfig: { maxTokens: number; temperature: number };
}

export interface BedrockConverseClient {
  converse(request: ConverseRequest): Promise<unknown>;
}

const ConverseResponse = z.object({
  output: z.object({
    message: z.object({ content: z.array(z.looseObject({ text: z.optional(z.string()) })) }),
  }),
});

const Classification = z.object({
  label: z.enum(CLASSIFICATION_LABELS),
  confidence: z.number().check(z.minimum(0), z.maximum(1)),
});

const DRAFT_SYSTEM =
  'You write the next reply of a business to its customer in a social media inbox. ' +
  'Answer in the language the customer used, politely and briefly, as the business. ' +
  'Do not invent prices, dates, policies or facts that are not in the conversation; ' +
  'ask a question instead. Reply with the message text only.';

const CLASSIFY_SYSTEM =
  'You classify a customer conversation of a business. Answer with JSON only: ' +
  `{"label": one of ${CLASSIFICATION_LABELS.map((l) => `"${l}"`).join(', ')}, "confidence": a number from 0 to 1}. ` +
  '"lead" means the customer may buy or book.';

function transcript(input: AssistInput): string {
  return input.turns.map((t) => `${t.from === 'customer' ? 'Customer' : 'Business'}: ${t.text}`).join('\n');
}

export class BedrockAssistant implements ReplyAssistant {
  readonly name: string;

  constructor(
    private readonly client: BedrockConverseClient,
    private readonly modelId: string,
  ) {
    this.name = `bedrock:${modelId}`;
  }

  private async ask(system: string, prompt: string, maxTokens: number): Promise<string> {
    const raw = await this.client.converse({
      modelId: this.modelId,
      system: [{ text: system }],
      messages: [{ role: 'user', content: [{ text: prompt }] }],
      inferenceConfig: { maxTokens, temperature: 0.2 },
    });
    const parsed = ConverseResponse.safeParse(raw);
    if (!parsed.success) throw new Error('Bedrock answered with an unexpected shape');
    return parsed.data.output.message.content
      .map((c) => c.text ?? '')
      .join('')
      .trim();
  }

  async draftReply(input: AssistInput): Promise<{ text: string }> {
    const answer = await this.ask(
      `${DRAFT_SYSTEM} Keep it under ${input.maxChars} characters.`,
      `Conversation so far, oldest first:\n${transcript(input)}\n\nWrite the business's next reply.`,
      Math.min(1024, Math.ceil(input.maxChars / 2)),
    );
    return { text: [...answer].slice(0, input.maxChars).join('') };
  }

  async classify(input: AssistInput): Promise<{ label: ClassificationLabel; confidence: number }> {
    const answer = await this.ask(CLASSIFY_SYSTEM, `Conversation, oldest first:\n${transcript(input)}`, 100);
    const json = answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1);
    try {
      const parsed = Classification.safeParse(JSON.parse(json));
      if (parsed.success) return parsed.data;
    } catch {
      // a model that does not follow the format is answered with "other", never with its raw text
    }
    return { label: 'other', confidence: 0 };
  }
}
