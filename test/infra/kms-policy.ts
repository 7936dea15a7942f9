/**
 * Just enough of IAM's condition evaluation to ask "would this KMS call, with this encryption context,
 * match this statement's Condition?" for the operators the stack uses. Semantics from the IAM User Guide:
 * operators and keys in one Condition are ANDed, values of one key ORed; `Null: "false"` means the key is
 * present; `ForAllValues` holds when every request value matches (and for an empty set), `ForAnyValue` when
 * at least one does.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * KMS puts each pair of the encryption context in `kms:EncryptionContext:<key>` and the keys in the
 * multivalued `kms:EncryptionContextKeys`.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * An operator it does not know fails the test, so a new kind of condition cannot pass unexamined.
 */
type Condition = Record<string, Record<string, string | string[]>>;

/** The request context keys a KMS call with this encryption context carries. */
function requestValues(context: Record<string, string> | undefined, key: string): string[] | undefined {
  if (key === 'kms:EncryptionContextKeys') return Object.keys(context ?? {});
  const prefix = 'kms:EncryptionContext:';
  if (key.startsWith(prefix)) {
    const value = context?.[key.slice(prefix.length)];
    return value === undefined ? undefined : [value];
  }
  throw new Error(`no request value modelled for condition key ${key}`);
}

export function conditionMatches(
  condition: Condition | undefined,
  context: Record<string, string> | undefined,
) {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(keys)) {
      const wanted = ([] as string[]).concat(expected);
      const values = requestValues(context, key);
      let holds: boolean;
      if (operator === 'Null')
        holds = (values === undefined || values.length === 0) === (wanted[0] === 'true');
      else if (operator === 'StringEquals') holds = values?.length === 1 && wanted.includes(values[0]!);
      else if (operator === 'ForAllValues:StringEquals')
        holds = (values ?? []).every((v) => wanted.includes(v));
      else if (operator === 'ForAnyValue:StringEquals')
        holds = (values ?? []).some((v) => wanted.includes(v));
      else throw new Error(`condition operator ${operator} is not modelled`);
      if (!holds) return false;
    }
  }
  return true;
}
