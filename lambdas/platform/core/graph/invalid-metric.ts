/**
 * Meta's answer to an insights metric it does not serve (any more) for an object: code 100 naming an
 * invalid metric. Insights and content both read metrics by name and record the refused ones.
 * https://developers.facebook.com/docs/graph-api/guides/error-handling/
 */
export function isInvalidMetricError(code: number, message: string): boolean {
  return code === 100 && /metric/i.test(message);
}
