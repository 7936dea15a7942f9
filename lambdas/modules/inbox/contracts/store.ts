/**
 * How the inbox seals the text it keeps, for privacy's export, which opens it for the person it is about:
 * the cipher and its data-key store (sealed-fields.ts: what each field is bound to).
 */
export { DynamoDataKeyStore } from '../adapters/dynamo-data-key-store';
export { EnvelopeCipher, type TextCipher } from '../core/field-cipher';
