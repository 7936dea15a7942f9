/**
 * A FilterExpression of `attribute = value` for each filter given (undefined ones left out), and of the
 * `also` conditions (whose values the caller put in `values`), with its names and values, ready to spread
 * into a Query.
 */
export function equalityFilter(
  filters: Readonly<Record<string, string | undefined>>,
  values: Record<string, unknown>,
  also: readonly string[] = [],
): { FilterExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  const names: Record<string, string> = {};
  const parts: string[] = [];
  for (const [attribute, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    names[`#f_${attribute}`] = attribute;
    values[`:f_${attribute}`] = value;
    parts.push(`#f_${attribute} = :f_${attribute}`);
  }
  const filterExpression = [...parts, ...also].join(' AND ');
  return {
    ...(filterExpression ? { FilterExpression: filterExpression } : {}),
    ...(parts.length > 0 ? { ExpressionAttributeNames: names } : {}),
  };
}
