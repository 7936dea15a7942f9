/**
 * An HTTP `Retry-After` value (https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3): delay-seconds or
 * an HTTP-date. Null when absent or unreadable; never negative.
 */
export function retryAfterMs(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - nowMs);
}
