/**
 * Content negotiation for pages people open in a browser: true when the Accept header ranks text/html
 * above JSON (q-values honoured), so a browser gets a page and an API client or `*∕*` gets JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
    if (type === 'application/json' || type === 'application/*') json = Math.max(json, q);
  }
  return html > 0 && html > json;
}
