/**
 * A FilterExpression of `attribute = value` for each filter given (undefined ones left out), with its
 * names and values, ready to spread into a Query.
 */
export function equalityFilter(
  filters: Readonly<Record<string, string | undefined>>,
  values: Record<string, unknown>,
): { FilterExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  const names: Record<string, string> = {};
  const parts: string[] = [];
  for (const [attribute, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    names[`#f_${attribute}`] = attribute;
    values[`:f_${attribute}`] = value;
    parts.push(`#f_${attribute} = :f_${attribute}`);
  }
  return parts.length > 0 ? { FilterExpression: parts.join(' AND '), ExpressionAttributeNames: names } : {};
}
