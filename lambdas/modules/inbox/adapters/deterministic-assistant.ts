/**
 * The local assistant for tests and `npm start`: the same port as Bedrock, no model, no network. Its
 * answers depend only on the conversation given, so tests can assert them; it never logs what it reads.
 */
import type { AssistInput, ClassificationLabel, ReplyAssistant } from '../core/reply-assistant';

const RULES: Array<{ label: ClassificationLabel; words: RegExp; reply: string }> = [
  {
    label: 'complaint',
    words: /\b(broken|refund|angry|terrible|late|complain|wrong)\b/i,
    reply: 'We are sorry to hear that. Could you send us your order number so we can make it right?',
  },
  {
    label: 'lead',
    words: /\b(price|prices|quote|cost|buy|order|book|available|catering)\b/i,
    reply: 'Thanks for your interest! We would be glad to help. What date and quantity do you have in mind?',
  },
  {
    label: 'spam',
    words: /\b(crypto|giveaway|click here|free followers)\b/i,
    reply: 'Thank you for your message.',
  },
  {
    label: 'support',
    words: /\b(help|how|problem|open|hours|where|when)\b/i,
    reply: 'Thanks for reaching out! Happy to help — could you tell us a little more?',
  },
];

export class DeterministicAssistant implements ReplyAssistant {
  readonly name = 'local-deterministic';

  private lastCustomerText(input: AssistInput): string {
    return [...input.turns].reverse().find((t) => t.from === 'customer')?.text ?? '';
  }

  async draftReply(input: AssistInput): Promise<{ text: string }> {
    const text = this.lastCustomerText(input);
    const rule = RULES.find((r) => r.words.test(text));
    const reply = rule?.reply ?? 'Thanks for your message! We will get back to you shortly.';
    return { text: [...reply].slice(0, input.maxChars).join('') };
  }

  async classify(input: AssistInput) {
    const text = this.lastCustomerText(input);
    const rule = RULES.find((r) => r.words.test(text));
    return { label: rule?.label ?? ('other' as const), confidence: rule ? 0.8 : 0.3 };
  }
}
